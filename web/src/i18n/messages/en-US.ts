import type { Messages } from './zh-CN';
import { en as familyEn } from './family';
import { en as filingEn } from './filing';
import { en as intakeEn } from './intake';
import { en as publicEn } from './public';
import { en as peopleEn } from './people';
import { en as populationEn } from './population';
import { en as providersEn } from './providers';
import { en as providersEditEn } from '../../providers/edit-messages';
import { en as visitsEn } from '../../visits/messages';
import { en as visitsSchedulerEn } from '../../visits/scheduler-messages';
import { en as registryEn } from '../../registry/messages';
import { en as planEn } from '../../plan/messages';
import { en as planTasksEn } from '../../plan-tasks/messages';

/** English. Must define exactly the same keys as zh-CN.ts (enforced by the Messages type). */
const enUS: Messages = {
  ...familyEn,
  ...filingEn,
  ...intakeEn,
  ...publicEn,
  ...peopleEn,
  ...populationEn,
  ...providersEn,
  ...providersEditEn,
  ...visitsEn,
  ...visitsSchedulerEn,
  ...registryEn,
  ...planEn,
  ...planTasksEn,
  'app.title': 'laoyou 老幼 · 一老一小',
  'app.productName': 'laoyou 老幼',
  'app.tagline': 'City platform for elderly care and childcare',
  'app.loadFailed': 'Could not load',
  'app.retry': 'Retry',
  'app.loading': 'Loading…',

  'language.label': 'Language',
  'language.zh-CN': '中文',
  'language.en-US': 'English',

  'login.heading': 'Sign in',
  'login.description': 'One sign-in for government officials, providers and families',
  'login.username': 'Username',
  'login.usernamePlaceholder': 'Enter your username',
  'login.usernameRequired': 'Please enter your username',
  'login.password': 'Password',
  'login.passwordPlaceholder': 'Enter your password',
  'login.passwordRequired': 'Please enter your password',
  'login.submit': 'Sign in',
  'login.failed': 'Sign-in failed',
  'login.footer': 'laoyou 老幼 · open-source platform for elderly care and childcare',

  'nav.overview': 'Overview',

  'header.logout': 'Log out',
  'header.logoutFailed': 'Could not log out, please try again',
  'header.scope': 'Scope',
  'header.allScopes': 'All scopes',
  'header.noScope': 'No role assigned',

  'role.officer': 'Officer',
  'role.viewer': 'Viewer',
  'role.provider_admin': 'Provider admin',
  'role.provider_staff': 'Provider staff',
  'role.family_member': 'Family member',
  'role.platform_admin': 'Platform admin',

  'domain.elderly_care': 'Elderly care',
  'domain.childcare': 'Childcare',
  'domain.planning': 'Planning',

  'level.province': 'Province',
  'level.city': 'City',
  'level.county': 'County',
  'level.township': 'Township',
  'level.village': 'Village/community',

  'levelCount.city': 'Cities',
  'levelCount.county': 'Counties',
  'levelCount.township': 'Townships',
  'levelCount.village': 'Villages/communities',

  'townshipType.street': 'Street',
  'townshipType.town': 'Town',
  'townshipType.township': 'Township',
  'townshipType.other': 'Other',

  'regions.treeTitle': 'Regions',
  'regions.treeEmpty': 'No regions in your scope',
  'regions.loadFailed': 'Could not load regions',

  'home.code': 'Region code',
  'home.descendants': 'Subordinate regions',
  'home.descendantsHint': 'All regions at every level below the selected region',
  'home.unit': '',
  'home.children': 'Direct subdivisions',
  'home.childrenCount': '{count} in total',
  'home.noChildren': 'This region has no subdivisions',
  'home.noRegion': 'Your account has no regions to show.',
  'home.notApplicable': 'Not applicable',

  'table.name': 'Name',
  'table.code': 'Code',
  'table.level': 'Level',
  'table.total': '{total} in total',
};

export default enUS;
