import type { Tx } from '../db/database.ts';
import type { PopulationFigureInput } from '../domains/population/batch.ts';
import { upsertPopulationFigures } from '../domains/population/queries.ts';

/** 淮北市's 2020 census (七普) figures as its plan quotes them (plans.md). */
export const HUAIBEI_2020 = { total: 1_970_265, aged60: 324_394, aged65: 264_889, under3: 73_995 };

/**
 * The plan gives no district breakdown, so the demo splits the city figures over its four counties by fixed
 * shares (synthetic, said so in each row's note); the parts add up exactly to the published city figures.
 */
const COUNTY_SHARES: [code: string, share: number][] = [
  ['340602', 0.17], // 杜集区
  ['340603', 0.3], // 相山区
  ['340604', 0.15], // 烈山区
  ['340621', 0.38], // 濉溪县
];

function split(total: number): number[] {
  const parts = COUNTY_SHARES.map(([, share]) => Math.floor(total * share));
  parts[parts.length - 1] += total - parts.reduce((sum, part) => sum + part, 0);
  return parts;
}

export async function loadDemoPopulation(tx: Tx): Promise<void> {
  const bands: [ageFrom: number, ageTo: number | null, count: number][] = [
    [0, null, HUAIBEI_2020.total],
    [60, null, HUAIBEI_2020.aged60],
    [65, null, HUAIBEI_2020.aged65],
    [0, 2, HUAIBEI_2020.under3],
  ];
  const figure = (regionCode: string, ageFrom: number, ageTo: number | null, count: number, note: string) =>
    ({
      regionCode,
      year: 2020,
      basis: 'resident',
      sex: 'total',
      ageFrom,
      ageTo,
      count,
      source: 'census_2020',
      note,
    }) as PopulationFigureInput;
  const figures: PopulationFigureInput[] = [];
  for (const [ageFrom, ageTo, count] of bands) {
    figures.push(figure('3406', ageFrom, ageTo, count, '淮北市第七次全国人口普查（规划引用）'));
    split(count).forEach((part, index) =>
      figures.push(figure(COUNTY_SHARES[index][0], ageFrom, ageTo, part, '演示数据：按固定比例拆分（合成）')),
    );
  }
  await upsertPopulationFigures(tx, figures, null);
}
