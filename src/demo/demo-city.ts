// 淮北市 as a newcomer first sees it: accounts for every kind of user, and registries that reproduce the city's
// published 2020 figures (plans.md) and grow toward its plan's 2025 targets, spread over its real counties,
// townships and villages. Deterministic: the same size and day give the same city, so tests can count on it.
import { inTransaction, type Db } from '../db/database.ts';
import { hashPassword } from '../domains/accounts/password.ts';
import { loadWorkingCalendar } from '../domains/calendar/queries.ts';
import { chinaDate } from '../domains/calendar/working-days.ts';
import { loadDeadlineRules } from '../domains/filing/queries.ts';
import type { PersonalDataKeys } from '../shared/personal-data.ts';
import { planChildcare } from './childcare-plan.ts';
import { planCommunityServices } from './community-plan.ts';
import { DEMO_PASSWORD, insertDemoAccounts } from './demo-accounts.ts';
import { loadSeedPlans } from '../domains/plan/load-plans.ts';
import { loadDemoPopulation } from './demo-population.ts';
import { loadDemoRegions } from './demo-regions.ts';
import { loadDemoVisits } from './demo-visits.ts';
import { DEMO_SIZES, type DemoSizeName } from './demo-size.ts';
import { planFilings } from './filing-plan.ts';
import { IdNumberMint } from './id-numbers.ts';
import { insertFilings } from './insert-filings.ts';
import { insertPeopleLinks, insertPersons } from './insert-people.ts';
import { insertProviders } from './insert-providers.ts';
import { insertStaff } from './insert-staff.ts';
import { planOperators } from './operators.ts';
import { FAMILY_PERSON, planPeople } from './people-plan.ts';
import { planPending } from './pending-plan.ts';
import { ProviderBook } from './provider-book.ts';
import { seededRandom } from './random.ts';
import { KANGLE, planResidential } from './residential-plan.ts';
import { planStaff } from './staff-plan.ts';

export { DEMO_LOGINS, DEMO_PASSWORD } from './demo-accounts.ts';

export const DEMO_CITY = '3406';
const SEED = 20_201_231;

export interface DemoOptions {
  /** `full` (the default, what the main command loads) or `small` (every kind of record, loaded fast). */
  size?: DemoSizeName;
  /** The demo's "today": recent events (pending filings, children's births) are placed relative to it. */
  asOf?: string;
}

/**
 * What the test servers load: the small demo on a fixed day, so its numbers never move, a day before every test
 * clock in the suite (the earliest is 2026-01-15) so nothing in the demo lies in a test's future.
 */
export const TEST_DEMO: DemoOptions = { size: 'small', asOf: '2026-01-01' };

export interface DemoSummary {
  size: DemoSizeName;
  asOf: string;
  organisations: number;
  facilities: number;
  persons: number;
  households: number;
  staff: number;
  filings: number;
  /** Milliseconds spent planning the city in memory and writing it to the database. */
  planningMs: number;
  writingMs: number;
}

export async function loadDemoCity(
  db: Db,
  keys: PersonalDataKeys,
  options: DemoOptions = {},
): Promise<DemoSummary> {
  const size = DEMO_SIZES[options.size ?? 'full'];
  const asOf = options.asOf ?? chinaDate(new Date());
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return inTransaction(db, async (tx) => {
    const started = performance.now();
    await loadDemoPopulation(tx);
    // 淮北's plan (and the indicator catalogue) as data, so the plan view has something to evaluate.
    await loadSeedPlans(tx);
    const regions = await loadDemoRegions(tx, DEMO_CITY);
    const [rules, calendar] = await Promise.all([loadDeadlineRules(tx), loadWorkingCalendar(tx)]);

    // Each part draws from its own stream, so growing one part of the demo leaves the others as they were.
    const random = seededRandom(SEED);
    const book = new ProviderBook(random.fork('usccs'));
    const operators = planOperators(book, regions, random.fork('operators'));
    planResidential({ book, regions, size, random: random.fork('residential'), asOf });
    planCommunityServices({ book, regions, size, random: random.fork('community'), asOf, operators });
    planChildcare({ book, regions, size, random: random.fork('childcare'), asOf, operators });
    const pending = planPending(book, regions, random.fork('pending'), asOf);
    const mint = new IdNumberMint(random.fork('id-numbers'));
    mint.reserve(FAMILY_PERSON.idNumber);
    const people = planPeople({ regions, size, random: random.fork('people'), asOf, mint });
    const staff = planStaff({ book, size, random: random.fork('staff'), asOf, mint });
    const filings = planFilings({
      book,
      regions,
      size,
      random: random.fork('filings'),
      asOf,
      rules,
      calendar,
      pending,
    });

    const planned = performance.now();
    const providers = await insertProviders(tx, book);
    const personIds = await insertPersons(tx, keys, people);
    const accounts = await insertDemoAccounts(tx, passwordHash, {
      organisationId: providers.organisations.get(KANGLE.uscc)!,
      familyPerson: { regionCode: people.family.me.regionCode, id: personIds.get(people.family.me)! },
    });
    const account = (username: string) => accounts.get(username)!;
    // Consents and filing decisions are recorded by the department that holds the person or the facility.
    const civilOfficer = (countyCode: string) =>
      account(countyCode === '340603' ? 'xiangshan.civil' : 'city.civil');
    await insertPeopleLinks(tx, people, personIds, civilOfficer);
    await insertStaff(tx, keys, staff, providers, (member) => member.facility.organisationUscc);
    await insertFilings(
      tx,
      filings,
      providers,
      (filing) => filing.facility.organisationUscc,
      (filing) => (filing.domain === 'childcare' ? account('city.health') : civilOfficer(filing.countyCode)),
    );
    await loadDemoVisits(tx, { cityCode: DEMO_CITY, asOf, passwordHash, supervisorOf: civilOfficer });
    return {
      size: size.name,
      asOf,
      organisations: book.organisations.length,
      facilities: book.facilities.length,
      persons: people.persons.length,
      households: people.households.length,
      staff: staff.length,
      filings: filings.filings.length,
      planningMs: Math.round(planned - started),
      writingMs: Math.round(performance.now() - planned),
    };
  });
}
