/**
 * Fills a fresh bench database with a synthetic province at 辽宁's scale (issue 4's performance requirement), on
 * top of its real regions: population statistics, institutions and community facilities with capacity history,
 * staff with certificates, and person records with conditions and living situations.
 *
 * Everything is made inside PostgreSQL with INSERT … SELECT over generate_series, so ten million persons take
 * minutes rather than the hours row-by-row inserts would. Spreading uses hashint4 rather than random() so that two
 * runs make the same province and their timings compare.
 */
import type pg from 'pg';
import { makeUscc } from '../src/shared/uscc.ts';

export interface ProvinceScale {
  /** 常住人口 in the 2020 census figures, summed over the province. */
  residents: number;
  /** Residents aged 60+, likewise. */
  aged60Plus: number;
  institutions: number;
  communityFacilities: number;
  persons: number;
}

/** 辽宁 in the 2020 census: 42.6 million residents, 11.0 million aged 60+ (issue 4). */
export const LIAONING: ProvinceScale = {
  residents: 42_600_000,
  aged60Plus: 11_000_000,
  institutions: 3_000,
  communityFacilities: 20_000,
  persons: 10_000_000,
};

/** A non-negative pseudo-random integer from a row number and a salt, the same on every run. */
const spread = (expression: string, salt: number) => `(hashint4(${expression} + ${salt}) & 2147483647)`;

async function timed(log: (line: string) => void, what: string, work: () => Promise<unknown>) {
  const start = performance.now();
  await work();
  log(`${what}: ${((performance.now() - start) / 1000).toFixed(1)} s`);
}

/**
 * Census figures per township (resident 0+, resident 60+, registered 60+), then the same figures at county, city
 * and province as their children's sums, so every level has its own published figure and the province's are
 * exactly the scale's totals.
 */
async function population(client: pg.Client, province: string, scale: ProvinceScale) {
  await client.query(`CREATE TEMP TABLE bench_weight AS
    SELECT code, 500 + ${spread('row_number() OVER (ORDER BY code)::int', 11)} % 1000 AS weight,
           0.15 + (${spread('row_number() OVER (ORDER BY code)::int', 13)} % 200) / 1000.0 AS elder_share
    FROM region WHERE level = 'township' AND code LIKE '${province}%'`);
  // Largest-remainder rounding, so that the townships add up to the totals to the person.
  const apportion = (total: number, weight: string) => `
    WITH w AS (SELECT code, ${weight} AS w FROM bench_weight),
    exact AS (SELECT code, ${total}::numeric * w / sum(w) OVER () AS x FROM w),
    floored AS (SELECT code, floor(x)::bigint AS n, x - floor(x) AS rest FROM exact)
    SELECT code, n + CASE WHEN row_number() OVER (ORDER BY rest DESC, code)
                              <= ${total} - sum(n) OVER () THEN 1 ELSE 0 END AS n
    FROM floored`;
  for (const [basis, ageFrom, total, weight] of [
    ['resident', 0, scale.residents, 'weight'],
    ['resident', 60, scale.aged60Plus, 'weight * elder_share'],
    ['registered', 60, Math.round(scale.aged60Plus * 0.96), 'weight * elder_share * 0.9 + weight * 0.02'],
  ] as const) {
    await client.query(`INSERT INTO population_figure (region_code, year, basis, sex, age_from, age_to, count, source)
      SELECT code, 2020, '${basis}', 'total', ${ageFrom}, NULL, n, 'census_2020' FROM (${apportion(total, weight)}) a`);
  }
  for (const length of [6, 4, 2]) {
    await client.query(`INSERT INTO population_figure (region_code, year, basis, sex, age_from, age_to, count, source)
      SELECT r.code, 2020, f.basis, 'total', f.age_from, NULL, sum(f.count), 'census_2020'
      FROM population_figure f JOIN region r ON r.code = left(f.region_code, ${length})
      WHERE length(f.region_code) = ${length === 2 ? 4 : length === 4 ? 6 : 9}
      GROUP BY r.code, f.basis, f.age_from`);
  }
  const { rows } = await client.query<{ residents: string; aged: string }>(
    `SELECT sum(count) FILTER (WHERE basis = 'resident' AND age_from = 0) AS residents,
            sum(count) FILTER (WHERE basis = 'resident' AND age_from = 60) AS aged
     FROM population_figure WHERE region_code = $1`,
    [province],
  );
  if (Number(rows[0].residents) !== scale.residents || Number(rows[0].aged) !== scale.aged60Plus) {
    throw new Error(`population figures do not add up: ${JSON.stringify(rows[0])}`);
  }
}

/** Institutions at townships (4 in 5 care homes), community facilities at villages, two capacity periods each. */
async function providers(client: pg.Client, province: string, scale: ProvinceScale) {
  const { rows } = await client.query<{ id: number }>(
    `INSERT INTO organisation (region_code, uscc, name) VALUES ($1, $2, '基准测试机构') RETURNING id`,
    [province, makeUscc('52210000MJB00001X')],
  );
  const organisation = rows[0].id;
  await client.query(
    `INSERT INTO facility (region_code, organisation_id, name, facility_type, ownership, address)
     SELECT t.code, $1, '机构' || g,
            CASE WHEN g % 5 = 0 THEN 'childcare_institution' ELSE 'care_home' END,
            (ARRAY['public','private','publicly_built_privately_operated'])[1 + g % 3], '地址' || g
     FROM generate_series(1, $2) g
     JOIN bench_township t ON t.n = ${spread('g', 0)} % (SELECT count(*) FROM bench_township)`,
    [organisation, scale.institutions],
  );
  await client.query(
    `INSERT INTO facility (region_code, organisation_id, name, facility_type, ownership, address)
     SELECT v.code, $1, '站点' || g,
            (ARRAY['community_elderly_centre','day_care_centre','meal_point','community_childcare_point'])[1 + g % 4],
            'public', '地址' || g
     FROM generate_series(1, $2) g
     JOIN bench_village v ON v.n = ${spread('g', 7919)} % (SELECT count(*) FROM bench_village)`,
    [organisation, scale.communityFacilities],
  );
  // The figures of 2019–2021 and those since 2022.
  for (const [from, to, grow] of [
    ['2019-01-01', '2022-01-01', 0],
    ['2022-01-01', null, 10],
  ] as const) {
    await client.query(
      `INSERT INTO facility_capacity (region_code, facility_id, valid_during, operating_status,
         beds_total, beds_nursing, beds_dementia, beds_inclusive, places_older_toddler, places_inclusive, inclusive)
       SELECT region_code, id, daterange($1::date, $2::date), 'operating',
              CASE WHEN domain = 'elderly_care' THEN 20 + id % 200 + $3 ELSE 0 END,
              CASE WHEN domain = 'elderly_care' THEN (20 + id % 200) / 2 ELSE 0 END,
              CASE WHEN domain = 'elderly_care' THEN (20 + id % 200) / 10 ELSE 0 END,
              CASE WHEN domain = 'elderly_care' THEN (20 + id % 200) / 4 ELSE 0 END,
              CASE WHEN domain = 'childcare' THEN 20 + id % 80 + $3 ELSE 0 END,
              CASE WHEN domain = 'childcare' THEN (20 + id % 80) / 2 ELSE 0 END,
              domain = 'childcare' AND id % 2 = 0
       FROM facility`,
      [from, to, grow],
    );
  }
  return organisation;
}

/**
 * Staff at every facility (ten at an institution, two at a community facility), most carers and childcare workers
 * certified, a few who left in 2023; health certificates for childcare staff.
 */
async function staff(client: pg.Client, organisation: number) {
  await client.query(
    `INSERT INTO staff_member (region_code, organisation_id, facility_id, domain, name, role, employed_from, employed_to)
     SELECT f.region_code, $1, f.id, f.domain, '员工' || f.id || '-' || k,
            CASE WHEN f.domain = 'childcare' THEN (ARRAY['childcare_worker','childcare_worker','health_worker','manager'])[1 + k % 4]
                 ELSE (ARRAY['carer','carer','carer','nurse','social_worker','manager'])[1 + k % 6] END,
            DATE '2018-01-01' + ((f.id * 7 + k) % 1500)::int,
            CASE WHEN (f.id + k) % 17 = 0 THEN DATE '2023-06-30' END
     FROM facility f
     CROSS JOIN LATERAL generate_series(1, CASE WHEN f.facility_type IN ('care_home', 'childcare_institution') THEN 10 ELSE 2 END) k`,
    [organisation],
  );
  await client.query(
    `INSERT INTO staff_certificate (region_code, staff_id, certificate_type, number, issuer, valid_from, valid_to)
     SELECT region_code, id,
            CASE WHEN role = 'carer' THEN 'elderly_carer' WHEN role = 'social_worker' THEN 'social_worker'
                 WHEN domain = 'childcare' THEN 'childcare_worker' ELSE 'nurse' END,
            'C' || id, '辽宁省人力资源和社会保障厅', employed_from,
            CASE WHEN id % 9 = 0 THEN DATE '2024-03-31' END
     FROM staff_member WHERE id % 5 <> 0`,
  );
  await client.query(
    `INSERT INTO staff_certificate (region_code, staff_id, certificate_type, number, issuer, valid_from, valid_to)
     SELECT region_code, id, 'health_certificate', 'H' || id, '疾控中心', DATE '2024-01-01', DATE '2024-12-31'
     FROM staff_member WHERE domain = 'childcare'`,
  );
}

/**
 * Persons living in villages: five in six elders (born 1925–1964, with a living situation, some with a capability
 * assessment), the rest children under three. No ID numbers: nothing the plan reads needs them, and the columns
 * allow their absence (all three NULL together).
 */
async function persons(client: pg.Client, scale: ProvinceScale, log: (line: string) => void) {
  const batch = 1_000_000;
  for (let from = 1; from <= scale.persons; from += batch) {
    const to = Math.min(scale.persons, from + batch - 1);
    await client.query(
      `INSERT INTO person (region_code, registered_region_code, name, sex, birth_date, living_situation,
         capability_level, capability_assessed_on)
       SELECT v.code, CASE WHEN g % 10 = 0 THEN left(v.code, 6) ELSE v.code END, '居民' || g,
              CASE WHEN g % 2 = 0 THEN 'female' ELSE 'male' END,
              CASE WHEN g % 6 = 0 THEN DATE '2022-01-01' + ${spread('g', 3)} % 1090
                   ELSE DATE '1925-01-01' + ${spread('g', 5)} % 14600 END,
              CASE WHEN g % 6 = 0 THEN NULL
                   ELSE (ARRAY['alone','empty_nest','empty_nest','left_behind','with_family','with_family','with_family'])[1 + g % 7] END,
              CASE WHEN g % 6 <> 0 AND g % 4 = 1 THEN (g / 4) % 5 END,
              CASE WHEN g % 6 <> 0 AND g % 4 = 1 THEN DATE '2023-01-01' + g % 700 END
       FROM generate_series($1::int, $2::int) g
       JOIN bench_village v ON v.n = ${spread('g', 101)} % (SELECT count(*) FROM bench_village)`,
      [from, to],
    );
    log(`  persons ${to.toLocaleString('en')}`);
  }
  // About 7 % of elders with one condition each, some of them ended before the evaluated date.
  await client.query(
    `INSERT INTO person_condition (region_code, person_id, kind, disability_grade, valid_from, valid_to, source)
     SELECT region_code, id, kind, CASE WHEN kind = 'disability' THEN (1 + id % 4)::int END,
            DATE '2019-01-01' + (id % 1500)::int, CASE WHEN id % 11 = 0 THEN DATE '2024-06-30' END, '民政局台账'
     FROM (SELECT region_code, id,
                  (ARRAY['extreme_poverty','minimum_living_allowance','minimum_living_allowance','low_income',
                         'family_planning_special','disability','disability','dementia'])[1 + (id / 100) % 8] AS kind
           FROM person WHERE living_situation IS NOT NULL AND id % 100 < 7) p`,
  );
}

/**
 * The caring-visit roster (探访对象) the monthly visit rate counts: elders with a live condition that calls for visits,
 * and those over 90 living alone, on the roster since 2024. No visit records: the rate's numerator stays 0.
 */
async function visitRoster(client: pg.Client) {
  await client.query(
    `INSERT INTO visit_target (region_code, person_id, tier, rule_tier, reasons, on_roster)
     SELECT p.region_code, p.id, 'key', 'key', ARRAY[coalesce(c.kind, 'living_alone')], true
     FROM person p
     LEFT JOIN person_condition c ON c.person_id = p.id AND c.valid_to IS NULL
       AND c.kind IN ('extreme_poverty', 'family_planning_special', 'disability', 'dementia')
     WHERE c.id IS NOT NULL OR (p.living_situation = 'alone' AND p.birth_date < DATE '1935-01-01')`,
  );
  await client.query(
    `INSERT INTO visit_roster_period (region_code, person_id, entered_on, source, entry_reasons)
     SELECT region_code, person_id, DATE '2024-01-01', 'rule', reasons FROM visit_target`,
  );
}

export async function generateProvince(
  client: pg.Client,
  province: string,
  scale: ProvinceScale,
  log: (line: string) => void,
): Promise<void> {
  await client.query(`SET synchronous_commit = off`);
  await client.query(`SET maintenance_work_mem = '256MB'`);
  for (const level of ['township', 'village']) {
    await client.query(`CREATE TEMP TABLE bench_${level} AS
      SELECT (row_number() OVER (ORDER BY code))::int - 1 AS n, code
      FROM region WHERE level = '${level}' AND code LIKE '${province}%'`);
  }
  await timed(log, 'population statistics', () => population(client, province, scale));
  let organisation = 0;
  await timed(
    log,
    `${scale.institutions} institutions, ${scale.communityFacilities} community facilities`,
    async () => {
      organisation = await providers(client, province, scale);
    },
  );
  await timed(log, 'staff and certificates', () => staff(client, organisation));
  await timed(log, `${scale.persons.toLocaleString('en')} persons and their conditions`, () =>
    persons(client, scale, log),
  );
  await timed(log, 'caring-visit roster', () => visitRoster(client));
  await timed(log, 'VACUUM ANALYZE', () => client.query('VACUUM ANALYZE'));
}
