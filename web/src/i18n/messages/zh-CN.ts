/** Simplified Chinese (default locale). en-US.ts must define exactly the same keys. */
import { zh as familyZh } from './family';
import { zh as filingZh } from './filing';
import { zh as intakeZh } from './intake';
import { zh as publicZh } from './public';
import { zh as peopleZh } from './people';
import { zh as populationZh } from './population';
import { zh as providersZh } from './providers';
import { zh as providersEditZh } from '../../providers/edit-messages';
import { zh as visitsZh } from '../../visits/messages';
import { zh as visitsSchedulerZh } from '../../visits/scheduler-messages';
import { zh as registryZh } from '../../registry/messages';
import { zh as planZh } from '../../plan/messages';
import { zh as planTasksZh } from '../../plan-tasks/messages';

const zhCN = {
  ...familyZh,
  ...filingZh,
  ...intakeZh,
  ...publicZh,
  ...peopleZh,
  ...populationZh,
  ...providersZh,
  ...providersEditZh,
  ...visitsZh,
  ...visitsSchedulerZh,
  ...registryZh,
  ...planZh,
  ...planTasksZh,
  'app.title': 'laoyou 老幼 · 一老一小',
  'app.productName': 'laoyou 老幼',
  'app.tagline': '城市“一老一小”养老托育服务平台',
  'app.loadFailed': '加载失败',
  'app.retry': '重试',
  'app.loading': '加载中…',

  'language.label': '语言',
  'language.zh-CN': '中文',
  'language.en-US': 'English',

  'login.heading': '账号登录',
  'login.description': '政府部门、服务机构与家庭用户统一登录入口',
  'login.username': '用户名',
  'login.usernamePlaceholder': '请输入用户名',
  'login.usernameRequired': '请输入用户名',
  'login.password': '密码',
  'login.passwordPlaceholder': '请输入密码',
  'login.passwordRequired': '请输入密码',
  'login.submit': '登录',
  'login.failed': '登录失败',
  'login.footer': 'laoyou 老幼 · 开源的城市“一老一小”服务平台',

  'nav.overview': '区划概览',

  'header.logout': '退出登录',
  'header.logoutFailed': '退出登录失败，请重试',
  'header.scope': '权限范围',
  'header.allScopes': '全部权限范围',
  'header.noScope': '未分配权限',

  'role.officer': '经办人员',
  'role.viewer': '查看人员',
  'role.provider_admin': '机构管理员',
  'role.provider_staff': '机构工作人员',
  'role.family_member': '家庭成员',
  'role.platform_admin': '平台管理员',

  'domain.elderly_care': '养老',
  'domain.childcare': '托育',
  'domain.planning': '规划',

  'level.province': '省',
  'level.city': '市',
  'level.county': '县区',
  'level.township': '乡镇街道',
  'level.village': '村社区',

  'levelCount.city': '市',
  'levelCount.county': '县区',
  'levelCount.township': '乡镇街道',
  'levelCount.village': '村社区',

  'townshipType.street': '街道',
  'townshipType.town': '镇',
  'townshipType.township': '乡',
  'townshipType.other': '其他',

  'regions.treeTitle': '行政区划',
  'regions.treeEmpty': '暂无可访问的区域',
  'regions.loadFailed': '区划数据加载失败',

  'home.code': '区划代码',
  'home.descendants': '下辖区划数量',
  'home.descendantsHint': '统计所选区划下辖的全部各级区划',
  'home.unit': '个',
  'home.children': '直接下级区划',
  'home.childrenCount': '共 {count} 个',
  'home.noChildren': '该区划没有下级区划',
  'home.noRegion': '您的账号没有可查看的行政区划。',
  'home.notApplicable': '不适用',

  'table.name': '名称',
  'table.code': '区划代码',
  'table.level': '层级',
  'table.total': '共 {total} 条',
} as const;

export type MessageKey = keyof typeof zhCN;
export type Messages = Record<MessageKey, string>;

const messages: Messages = zhCN;
export default messages;
