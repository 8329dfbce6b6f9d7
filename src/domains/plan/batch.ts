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
  nextPrefix,
  type CapacityTotals,
} from '../providers/queries.ts';
import { escapeLike } from '../providers/reach.ts';
import type { CertifiedStaffRate } from '../staff/queries.ts';
import { countsByRegion, rollUp } from '../visits/rate.ts';
import { CARE_HOME_TYPES, ELDERLY_CAPACITY_KEY, POPULATION_QUERIES, type Preloaded } from './computations.ts';

const LEVEL_LENGTHS = [2, 4, 6, 9, 12];

/** The ancestors of a code (itself included) by the nesting of codes: 2, 4, 6, 9 and 12 digits. */
function prefixesOf(code: string): string[] {
  return LEVEL_LENGTHS.filter((length) => length <= code.length).map((length) => code.slice(0, length));
}

/** One grouped read of a subtree: its groups cut to codeLength, each group counted towards `targets` of its code. */
interface SubtreeRead {
  root: string;
  codeLength: number;
  /** The regions asked for that this read supplies. */
  regions: readonly string[];
  targets: (code: string) => string[];
}

// Up to this many regions (a village and the four above it are five), each is read as its own subtree grouped to
// itself: a few rows per region instead of every village's, which keeps one changed record's evaluation up the
// tree quick. More regions share one grouped read, where reading a subtree per region would repeat the work.
const FEW_REGIONS = 8;

function subtreeReads(root: string, regions: readonly string[]): SubtreeRead[] {
  if (regions.length <= FEW_REGIONS) {
    return [...new Set(regions)].map((code) => ({
      root: code,
      codeLength: code.length,
      regions: [code],
      targets: () => [code],
    }));
  }
  const asked = new Set(regions);
  // Cut to the deepest level asked for: a village's facilities only ever count towards its township and above.
  const codeLength = Math.max(root.length, ...regions.map((code) => code.length));
  return [
    {
      root,
      codeLength,
      regions: [...asked],
      targets: (code) => prefixesOf(code).filter((prefix) => asked.has(prefix)),
    },
  ];
}

async function preloadCapacity(
  db: Db | Tx,
  date: string,
  reads: readonly SubtreeRead[],
  out: Map<string, Preloaded>,
) {
  const groups = await Promise.all(
    reads.map((read) => capacityByRegion(db, read.root, date, { codeLength: read.codeLength })),
  );
  for (const preloaded of out.values()) {
    preloaded.set(ELDERLY_CAPACITY_KEY(false), { totals: emptyCapacityTotals() });
    preloaded.set(ELDERLY_CAPACITY_KEY(true), { totals: emptyCapacityTotals() });
    preloaded.set('childcare_capacity', { totals: emptyCapacityTotals() });
    preloaded.set('care_homes', 0);
  }
  for (const [i, capacity] of groups.entries()) {
    const { targets } = reads[i];
    for (const group of capacity) {
      // Operating periods only, as capacityAsOf counts them.
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
  }
}

/** Staff employed on the date, as the staff domain counts them (staff/queries.ts), per region at one level. */
async function preloadStaff(
  db: Db | Tx,
  date: string,
  reads: readonly SubtreeRead[],
  out: Map<string, Preloaded>,
) {
  const rows = await Promise.all(reads.map((read) => staffByRegion(db, read.root, date, read.codeLength)));
  const childcare = new Map<string, { staff: number; certified: number }>();
  for (const preloaded of out.values()) {
    preloaded.set('certified_carers', 0);
    preloaded.set('social_workers', 0);
  }
  for (const [i, staff] of rows.entries()) {
    for (const row of staff) {
      for (const code of reads[i].targets(row.region)) {
        const preloaded = out.get(code)!;
        preloaded.set('certified_carers', (preloaded.get('certified_carers') as number) + row.carers);
        preloaded.set('social_workers', (preloaded.get('social_workers') as number) + row.social_workers);
        const sums = childcare.get(code) ?? { staff: 0, certified: 0 };
        sums.staff += row.childcare_staff;
        sums.certified += row.childcare_certified;
        childcare.set(code, sums);
      }
    }
  }
  for (const [code, preloaded] of out) {
    const sums = childcare.get(code) ?? { staff: 0, certified: 0 };
    const rate: CertifiedStaffRate = { ...sums, rate: sums.staff === 0 ? null : sums.certified / sums.staff };
    preloaded.set('childcare_staff', rate);
  }
}

/** The monthly visit rate of the date's month, as the visits domain rolls its per-community counts up the tree. */
async function preloadVisits(
  db: Db | Tx,
  date: string,
  reads: readonly SubtreeRead[],
  out: Map<string, Preloaded>,
) {
  const month = date.slice(0, 7);
  const counts = await Promise.all(
    reads.map((read) => countsByRegion(db, read.root, month, read.codeLength)),
  );
  for (const [i, read] of reads.entries()) {
    for (const [code, rate] of rollUp(counts[i], read.regions)) out.get(code)!.set('visit_rate', rate);
  }
}

/** The subtree as a range of codes as well as a prefix: the primary keys (region_code, id) can then serve it. */
function inSubtree(column: string, root: string) {
  const next = nextPrefix(root);
  return sql<boolean>`${sql.ref(column)} LIKE ${`${escapeLike(root)}%`} AND ${sql.ref(column)} >= ${root}
    ${next === null ? sql`` : sql`AND ${sql.ref(column)} < ${next}`}`;
}

async function staffByRegion(db: Db | Tx, root: string, date: string, codeLength: number) {
  // Each certificate condition as one hashed set of members rather than a probe per member: the same counts, and a
  // plan PostgreSQL costs low enough not to spend longer compiling it (JIT) than running it.
  const holding = (types: 'elderly_carer' | 'qualification') => sql<boolean>`s.id IN (
    SELECT c.staff_id FROM staff_certificate c
    WHERE ${inSubtree('c.region_code', root)}
      AND ${types === 'elderly_carer' ? sql`c.certificate_type = 'elderly_carer'` : sql`c.certificate_type <> 'health_certificate'`}
      AND c.valid_from <= ${date}::date AND (c.valid_to IS NULL OR c.valid_to >= ${date}::date))`;
  return db
    .selectFrom('staff_member as s')
    .where(inSubtree('s.region_code', root))
    .where('s.employed_from', '<=', date)
    .where((eb) => eb.or([eb('s.employed_to', 'is', null), eb('s.employed_to', '>=', date)]))
    .select([
      sql<string>`left(s.region_code, ${codeLength})`.as('region'),
      sql<number>`count(*) FILTER (WHERE s.role = 'carer' AND ${holding('elderly_carer')})::int`.as('carers'),
      sql<number>`count(*) FILTER (WHERE s.role = 'social_worker' AND s.domain = 'elderly_care')::int`.as(
        'social_workers',
      ),
      sql<number>`count(*) FILTER (WHERE s.domain = 'childcare')::int`.as('childcare_staff'),
      sql<number>`count(*) FILTER (WHERE s.domain = 'childcare' AND ${holding('qualification')})::int`.as(
        'childcare_certified',
      ),
    ])
    .groupBy(sql`1`)
    .execute();
}

/** The subtree's population figures and region tree, read once for all the dates. */
async function loadPopulation(db: Db | Tx, root: string, lastYear: number) {
  const like = `${escapeLike(root)}%`;
  const withFigures = (
    await db
      .selectFrom('population_figure')
      .select('region_code')
      .distinct()
      .where('region_code', 'like', like)
      .where('year', '<=', lastYear)
      .execute()
  ).map((row) => row.region_code);
  // A region with no figure in its subtree resolves to nothing: such regions (villages, mostly) skip the resolver.
  const answerable = new Set(withFigures.flatMap(prefixesOf));
  const figures = await figuresOfRegions(db, withFigures);
  const byYear = new Map<number, Map<string, StoredFigure[]>>();
  for (const figure of figures) {
    if (figure.year > lastYear) continue;
    const ofYear = byYear.get(figure.year) ?? new Map<string, StoredFigure[]>();
    ofYear.set(figure.regionCode, [...(ofYear.get(figure.regionCode) ?? []), figure]);
    byYear.set(figure.year, ofYear);
  }
  const children = new Map<string, string[]>();
  if (withFigures.length > 0) {
    // A child below the deepest figure has none in its subtree, so a sum over it fails either way: not read.
    const deepest = Math.max(...withFigures.map((code) => code.length));
    const regionRows = await db
      .selectFrom('region')
      .select(['code', 'parent_code'])
      .where('code', 'like', like)
      .where(sql<boolean>`length(code) <= ${deepest}`)
      .where('valid_to', 'is', null)
      .execute();
    for (const row of regionRows) {
      if (row.parent_code === null) continue;
      children.set(row.parent_code, [...(children.get(row.parent_code) ?? []), row.code]);
    }
  }
  return { answerable, byYear, children };
}

// Population: each region's own figure or its children's sum (population's resolver), latest year first.
function preloadPopulation(
  population: Awaited<ReturnType<typeof loadPopulation>>,
  year: number,
  out: Map<string, Preloaded>,
  resolved: Map<string, (number | null)[]>,
) {
  const { answerable, byYear, children } = population;
  const years = [...byYear.keys()].filter((y) => y <= year).sort((a, b) => b - a);
  const queries = Object.entries(POPULATION_QUERIES);
  for (const [code, preloaded] of out) {
    preloaded.set('population_years', years);
    // Two dates whose years see the same figures (2024 and 2023 both on the 2020 census) resolve once.
    const cacheKey = `${code}:${years.join(',')}`;
    let counts = resolved.get(cacheKey);
    if (!counts) {
      counts = queries.map(([, query]) => {
        if (!answerable.has(code)) return null;
        for (const y of years) {
          const ofYear = byYear.get(y)!;
          const tree: FigureTree = {
            figuresOf: (c) => ofYear.get(c) ?? [],
            childrenOf: (c) => children.get(c) ?? [],
          };
          const found = resolveCount(tree, code, { year: y, sex: 'total', ...query });
          if (found) return found.count;
        }
        return null;
      });
      resolved.set(cacheKey, counts);
    }
    queries.forEach(([key], i) => preloaded.set(`population:${key}`, counts[i]));
  }
}

/**
 * The registry reads of the computations for every region on each of the dates (an evaluation and its trend a
 * year before), one Preloaded per region per date. The region tree and population figures are read once.
 */
export async function preloadSubtreeOn(
  db: Db | Tx,
  root: string,
  dates: readonly string[],
  regions: readonly string[],
): Promise<Map<string, Preloaded>[]> {
  const reads = subtreeReads(root, regions);
  const lastYear = Math.max(...dates.map((date) => Number(date.slice(0, 4))));
  // The reads are independent: on a pool they run side by side, in a transaction one after another.
  const [population, ...registries] = await Promise.all([
    loadPopulation(db, root, lastYear),
    ...dates.map(async (date) => {
      const out = new Map<string, Preloaded>(regions.map((code) => [code, new Map()]));
      await Promise.all([
        preloadCapacity(db, date, reads, out),
        preloadStaff(db, date, reads, out),
        preloadVisits(db, date, reads, out),
      ]);
      return out;
    }),
  ]);
  const resolved = new Map<string, (number | null)[]>();
  const results = registries.map((out, i) => {
    preloadPopulation(population, Number(dates[i].slice(0, 4)), out, resolved);
    return out;
  });
  return results;
}

export async function preloadSubtree(
  db: Db | Tx,
  root: string,
  date: string,
  regions: readonly string[],
): Promise<Map<string, Preloaded>> {
  return (await preloadSubtreeOn(db, root, [date], regions))[0];
}
