// The facility standards the seed plans state (domain.md §8), by plan, and the persons per household that turn
// residents into households. Loaded with their plan, for the plan's region.
import type { Tx } from '../../db/database.ts';
import type { AreaType, StandardMeasure } from './standards-tables.ts';

export interface SeedStandard {
  measure: StandardMeasure;
  areaType: AreaType;
  minimum: number;
  siteMinimum?: number;
  source: string;
}

const HUAIBEI = '淮北市“一老一小”整体解决方案 三(二)7';
const XUCHANG = '许昌市“一老一小”整体解决方案 四(三)';
const ZHOUSHAN = '舟山市“一老一小”整体解决方案 三(一)1';
const LIAONING = '辽宁省“十四五”促进养老托育服务健康发展实施方案 三(一)1';

export const SEED_STANDARDS: Readonly<Record<string, readonly SeedStandard[]>> = {
  '000_1f7e077fdd932d88.txt': [
    { measure: 'elderly_space_per_100_households', areaType: 'new', minimum: 30, source: HUAIBEI },
    { measure: 'elderly_space_per_100_households', areaType: 'existing', minimum: 20, source: HUAIBEI },
    { measure: 'childcare_places_per_1000_residents', areaType: 'new', minimum: 10, source: HUAIBEI },
    { measure: 'childcare_places_per_1000_residents', areaType: 'existing', minimum: 8, source: HUAIBEI },
  ],
  '002_b28c3bb2e69c7283.txt': [
    { measure: 'elderly_land_per_resident', areaType: 'all', minimum: 0.1, source: LIAONING },
  ],
  '003_d61584bcdc282ef2.txt': [
    {
      measure: 'elderly_space_per_100_households',
      areaType: 'new',
      minimum: 30,
      siteMinimum: 300,
      source: XUCHANG,
    },
    {
      measure: 'elderly_space_per_100_households',
      areaType: 'existing',
      minimum: 20,
      siteMinimum: 200,
      source: XUCHANG,
    },
    { measure: 'elderly_land_per_resident', areaType: 'all', minimum: 0.2, source: XUCHANG },
  ],
  '004_a04cd55af43d86a8.txt': [
    {
      measure: 'elderly_space_per_100_households',
      areaType: 'existing',
      minimum: 20,
      siteMinimum: 200,
      source: ZHOUSHAN,
    },
    { measure: 'childcare_places_per_1000_residents', areaType: 'new', minimum: 10, source: ZHOUSHAN },
  ],
};

// The plans give no household size; the 2020 census's national average stands in until a city enters its own.
const CENSUS_HOUSEHOLD_SIZE = {
  persons: 2.62,
  source: '第七次全国人口普查 全国平均家庭户规模（城市未另行录入时采用）',
};

/** Standards hold from the start of the plan period until a city records a revision. */
export async function loadSeedStandards(
  tx: Tx,
  regionCode: string,
  sourceFile: string,
  validFrom: string,
): Promise<number> {
  const standards = SEED_STANDARDS[sourceFile] ?? [];
  if (standards.length > 0) {
    await tx
      .insertInto('facility_standard')
      .values(
        standards.map((standard) => ({
          region_code: regionCode,
          measure: standard.measure,
          area_type: standard.areaType,
          minimum: standard.minimum,
          site_minimum: standard.siteMinimum ?? null,
          valid_from: validFrom,
          source: standard.source,
        })),
      )
      .execute();
  }
  const sized = await tx
    .selectFrom('household_size')
    .select('id')
    .where('region_code', '=', regionCode)
    .executeTakeFirst();
  if (!sized) {
    await tx
      .insertInto('household_size')
      .values({ region_code: regionCode, valid_from: validFrom, ...CENSUS_HOUSEHOLD_SIZE })
      .execute();
  }
  return standards.length;
}
