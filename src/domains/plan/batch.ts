// Every region of a subtree at once: one grouped read per registry, summed up the region tree in memory, so that
// evaluating a plan at every level costs a few scans rather than a few queries per region. It supplies the same
// `once` values the computations would read region by region (plan.db.test.ts checks they agree).
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.ts';
import { resolveCount, type FigureTree } from '../population/denominators.ts';
import { figuresOfRegions, type StoredFigure } from '../population/queries.ts';
import { facilityDomain } from '../providers/facility-types.ts';
import {
  addCapacityInto,
  capacityByRegion,
  emptyCapacityTotals,
  type CapacityTotals,
} from '../providers/queries.ts';
import { escapeLike } from '../providers/reach.ts';
import type { CertifiedStaffRate } from '../staff/queries.ts';
import { CARE_HOME_TYPES, ELDERLY_CAPACITY_KEY, POPULATION_QUERIES, type Preloaded } from './computations.ts';

/** The ancestors of a code (itself included) by the nesting of codes: 2, 4, 6, 9 and 12 digits. */
function prefixesOf(code: string): string[] {
  return [2, 4, 6, 9, 12].filter((length) => length <= code.length).map((length) => code.slice(0, length));
}

export async function preloadSubtree(
  db: Db | Tx,
  root: string,
  date: string,
  regions: readonly string[],
): Promise<Map<string, Preloaded>> {
  const out = new Map<string, Preloaded>(regions.map((code) => [code, new Map()]));
  const like = `${escapeLike(root)}%`;
  const targets = (code: string) => prefixesOf(code).filter((prefix) => out.has(prefix));

  // Capacity on the date, by the facility's own region; operating periods only, as capacityAsOf counts them.
  const capacity = await capacityByRegion(db, root, date);
  for (const preloaded of out.values()) {
    preloaded.set(ELDERLY_CAPACITY_KEY(false), { totals: emptyCapacityTotals() });
    preloaded.set(ELDERLY_CAPACITY_KEY(true), { totals: emptyCapacityTotals() });
    preloaded.set('childcare_capacity', { totals: emptyCapacityTotals() });
    preloaded.set('care_homes', 0);
  }
  for (const group of capacity) {
    if (group.operatingStatus !== 'operating') continue;
    const keys =
      facilityDomain(group.facilityType) === 'childcare'
        ? ['childcare_capacity']
        : group.ownership === 'public'
          ? [ELDERLY_CAPACITY_KEY(false)]
          : [ELDERLY_CAPACITY_KEY(false), ELDERLY_CAPACITY_KEY(true)];
    const careHome = (CARE_HOME_TYPES as readonly string[]).includes(group.facilityType);
    for (const code of targets(group.regionCode)) {
      const preloaded = out.get(code)!;
      for (const key of keys)
        addCapacityInto((preloaded.get(key) as { totals: CapacityTotals }).totals, group.totals);
      if (careHome)
        preloaded.set('care_homes', (preloaded.get('care_homes') as number) + group.totals.facilities);
    }
  }

  // Staff employed on the date, as the staff domain counts them.
  const certified = (types: string | null) => sql<boolean>`EXISTS (
    SELECT 1 FROM staff_certificate c
    WHERE c.staff_id = s.id AND ${types === null ? sql`c.certificate_type <> 'health_certificate'` : sql`c.certificate_type = ${types}`}
      AND c.valid_from <= ${date}::date AND (c.valid_to IS NULL OR c.valid_to >= ${date}::date))`;
  const staff = await db
    .selectFrom('staff_member as s')
    .where('s.region_code', 'like', like)
    .where('s.employed_from', '<=', date)
    .where((eb) => eb.or([eb('s.employed_to', 'is', null), eb('s.employed_to', '>=', date)]))
    .select([
      's.region_code',
      sql<number>`count(*) FILTER (WHERE s.role = 'carer' AND ${certified('elderly_carer')})::int`.as(
        'carers',
      ),
      sql<number>`count(*) FILTER (WHERE s.role = 'social_worker' AND s.domain = 'elderly_care')::int`.as(
        'social_workers',
      ),
      sql<number>`count(*) FILTER (WHERE s.domain = 'childcare')::int`.as('childcare_staff'),
      sql<number>`count(*) FILTER (WHERE s.domain = 'childcare' AND ${certified(null)})::int`.as(
        'childcare_certified',
      ),
    ])
    .groupBy('s.region_code')
    .execute();
  const childcare = new Map<string, { staff: number; certified: number }>();
  for (const preloaded of out.values()) {
    preloaded.set('certified_carers', 0);
    preloaded.set('social_workers', 0);
  }
  for (const row of staff) {
    for (const code of targets(row.region_code)) {
      const preloaded = out.get(code)!;
      preloaded.set('certified_carers', (preloaded.get('certified_carers') as number) + row.carers);
      preloaded.set('social_workers', (preloaded.get('social_workers') as number) + row.social_workers);
      const sums = childcare.get(code) ?? { staff: 0, certified: 0 };
      sums.staff += row.childcare_staff;
      sums.certified += row.childcare_certified;
      childcare.set(code, sums);
    }
  }
  for (const [code, preloaded] of out) {
    const sums = childcare.get(code) ?? { staff: 0, certified: 0 };
    const rate: CertifiedStaffRate = { ...sums, rate: sums.staff === 0 ? null : sums.certified / sums.staff };
    preloaded.set('childcare_staff', rate);
  }

  // Population: each region's own figure or its children's sum (population's resolver), latest year first.
  const year = Number(date.slice(0, 4));
  const withFigures = await db
    .selectFrom('population_figure')
    .select('region_code')
    .distinct()
    .where('region_code', 'like', like)
    .where('year', '<=', year)
    .execute();
  const figures = await figuresOfRegions(
    db,
    withFigures.map((row) => row.region_code),
  );
  const byYear = new Map<number, Map<string, StoredFigure[]>>();
  for (const figure of figures) {
    if (figure.year > year) continue;
    const ofYear = byYear.get(figure.year) ?? new Map<string, StoredFigure[]>();
    ofYear.set(figure.regionCode, [...(ofYear.get(figure.regionCode) ?? []), figure]);
    byYear.set(figure.year, ofYear);
  }
  const years = [...byYear.keys()].sort((a, b) => b - a);
  const children = new Map<string, string[]>();
  if (years.length > 0) {
    const regionRows = await db
      .selectFrom('region')
      .select(['code', 'parent_code'])
      .where('code', 'like', like)
      .where('valid_to', 'is', null)
      .execute();
    for (const row of regionRows) {
      if (row.parent_code === null) continue;
      children.set(row.parent_code, [...(children.get(row.parent_code) ?? []), row.code]);
    }
  }
  for (const [code, preloaded] of out) {
    preloaded.set('population_years', years);
    for (const [key, query] of Object.entries(POPULATION_QUERIES)) {
      let count: number | null = null;
      for (const y of years) {
        const ofYear = byYear.get(y)!;
        const tree: FigureTree = {
          figuresOf: (c) => ofYear.get(c) ?? [],
          childrenOf: (c) => children.get(c) ?? [],
        };
        const found = resolveCount(tree, code, { year: y, sex: 'total', ...query });
        if (found) {
          count = found.count;
          break;
        }
      }
      preloaded.set(`population:${key}`, count);
    }
  }
  return out;
}
