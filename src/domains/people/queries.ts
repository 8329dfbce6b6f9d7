import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.ts';
import { birthDateRange } from './rules.ts';
import type { ConditionKind, LivingSituation, Sex } from './tables.ts';

export const personColumns = [
  'person.id',
  'person.region_code',
  'person.name',
  'person.sex',
  'person.birth_date',
  'person.id_number_cipher',
  'person.id_number_key_id',
  'person.address',
  'person.registered_region_code',
  'person.living_situation',
  'person.capability_level',
  'person.capability_assessed_on',
] as const;

export interface PersonRow {
  id: number;
  region_code: string;
  name: string;
  sex: Sex;
  birth_date: string;
  id_number_cipher: Buffer | null;
  id_number_key_id: string | null;
  address: string | null;
  registered_region_code: string | null;
  living_situation: LivingSituation | null;
  capability_level: number | null;
  capability_assessed_on: string | null;
}

/** LIKE pattern of a region subtree; region codes are digits only, so nothing needs escaping. */
export const subtree = (regionCode: string) => `${regionCode}%`;

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

export async function findPerson(db: Db | Tx, id: number): Promise<PersonRow | undefined> {
  return db.selectFrom('person').select(personColumns).where('person.id', '=', id).executeTakeFirst();
}

/**
 * The same subtree as `LIKE code || '%'`, written as a range so that a plain btree on (region_code, id) — the
 * primary key — can both find and order it in any collation: codes are digits only, and digits sort before
 * letters everywhere.
 */
export function subtreeRange(regionCode: string): [string, string] {
  return [regionCode, `${regionCode}z`];
}

export interface PeopleListFilter {
  region: string;
  /** The day conditions must hold on and ages are counted on (a China date). */
  on: string;
  name?: string;
  condition?: ConditionKind;
  livingSituation?: LivingSituation;
  capabilityLevel?: number;
  ageFrom?: number;
  ageTo?: number;
  /** Keyset cursor: the last row of the previous page (lists run by region code, then registration order). */
  after?: PeopleCursor;
}

export interface PeopleCursor {
  regionCode: string;
  id: number;
}

export function encodeCursor(row: { region_code: string; id: number }): string {
  return `${row.region_code}:${row.id}`;
}

export function decodeCursor(text: string): PeopleCursor | null {
  const match = /^(\d{2,12}):(\d{1,16})$/.exec(text);
  return match ? { regionCode: match[1], id: Number(match[2]) } : null;
}

/**
 * Rows matching a list filter, before selection, ordering and paging: shared by the list and its count.
 *
 * Every filter is a range over an index led by (filter, region_code, id), so the first page is read in list order
 * and stops after one page whatever the size of the registry or how ids are spread over places: person (region_code,
 * id) for a plain subtree, (living_situation | capability_level, region_code, id), and for a condition a join from
 * person_condition (kind, region_code, person_id) — a join, not EXISTS, because the exclusion constraint allows at
 * most one live condition of a kind per person on a date, so it cannot repeat a person.
 */
export function filteredPeople(db: Db | Tx, filter: PeopleListFilter) {
  const [from, to] = subtreeRange(filter.region);
  let query = db
    .selectFrom('person')
    .where('person.region_code', '>=', from)
    .where('person.region_code', '<', to);
  if (filter.name) query = query.where('person.name', 'like', `%${escapeLike(filter.name)}%`);
  if (filter.livingSituation) query = query.where('person.living_situation', '=', filter.livingSituation);
  if (filter.capabilityLevel !== undefined) {
    query = query.where('person.capability_level', '=', filter.capabilityLevel);
  }
  const { bornOnOrBefore, bornAfter } = birthDateRange(filter.on, filter.ageFrom, filter.ageTo);
  if (bornOnOrBefore) query = query.where('person.birth_date', '<=', bornOnOrBefore);
  if (bornAfter) query = query.where('person.birth_date', '>', bornAfter);
  const after = filter.after;
  if (after) {
    query = query.where((eb) =>
      eb(eb.refTuple('person.region_code', 'person.id'), '>', eb.tuple(after.regionCode, after.id)),
    );
  }
  if (!filter.condition) return query;
  const { condition, on } = filter;
  let joined = query
    .innerJoin('person_condition as c', (join) =>
      join.onRef('c.person_id', '=', 'person.id').onRef('c.region_code', '=', 'person.region_code'),
    )
    .where('c.kind', '=', condition)
    // Repeated on the condition's own columns so that its index range and order serve the list.
    .where('c.region_code', '>=', from)
    .where('c.region_code', '<', to)
    .where('c.valid_from', '<=', on)
    .where((eb) => eb.or([eb('c.valid_to', 'is', null), eb('c.valid_to', '>', on)]));
  if (after) {
    joined = joined.where((eb) =>
      eb(eb.refTuple('c.region_code', 'c.person_id'), '>', eb.tuple(after.regionCode, after.id)),
    );
  }
  return joined;
}

/** Above this many matches a list says "at least": counting millions exactly would cost more than the page. */
export const LIST_TOTAL_CAP = 1_000;

export interface PeoplePage {
  rows: PersonRow[];
  total: number;
  totalIsExact: boolean;
}

/** The page query: region code, then registration order. */
export function peoplePageQuery(
  db: Db | Tx,
  filter: PeopleListFilter,
  page: { limit: number; offset?: number },
) {
  return filteredPeople(db, filter)
    .select(personColumns)
    .orderBy('person.region_code')
    .orderBy('person.id')
    .limit(page.limit)
    .offset(page.offset ?? 0);
}

/** How many match, counting no further than one past the cap. */
export function peopleCountQuery(db: Db | Tx, filter: PeopleListFilter) {
  const { after: _after, ...countFilter } = filter;
  const capped = filteredPeople(db, countFilter)
    .select('person.id')
    .limit(LIST_TOTAL_CAP + 1);
  return db.selectFrom(capped.as('m')).select(sql<number>`count(*)::int`.as('n'));
}

/** One page of a filtered list and how many match (exact up to LIST_TOTAL_CAP). */
export async function listPeople(
  db: Db | Tx,
  filter: PeopleListFilter,
  page: { limit: number; offset?: number },
): Promise<PeoplePage> {
  const rows = await peoplePageQuery(db, filter, page).execute();
  const { n } = await peopleCountQuery(db, filter).executeTakeFirstOrThrow();
  return { rows, total: Math.min(n, LIST_TOTAL_CAP), totalIsExact: n <= LIST_TOTAL_CAP };
}
