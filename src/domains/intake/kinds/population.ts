// 人口统计: published population figures. Natural key: the figure's unique key (region, year, basis, sex, age range,
// source); the population domain's own batch rules judge each row.
import { sql } from 'kysely';
import { validateFigureBatch } from '../../population/batch.ts';
import { POPULATION_BASES, POPULATION_SEXES, POPULATION_SOURCES } from '../../population/tables.ts';
import type { PopulationBasis, PopulationSex, PopulationSource } from '../../population/tables.ts';
import { countByRegion, mergeCounts, regionInForce, repeatedInFile } from '../checks.ts';
import type { Column } from '../columns.ts';
import type { IntakeKind } from '../kind.ts';

const BASIS_LABELS: Record<PopulationBasis, string> = { resident: '常住人口', registered: '户籍人口' };
const SEX_LABELS: Record<PopulationSex, string> = { male: '男', female: '女', total: '合计' };
const SOURCE_LABELS: Record<PopulationSource, string> = {
  census_2020: '第七次人口普查',
  yearly_statistics: '年度统计',
  estimate: '估算',
};

const columns: Column[] = [
  { key: 'regionCode', header: '区划代码', type: 'regionCode', required: true },
  { key: 'year', header: '年份', type: 'int', min: 1949, max: 2100, required: true },
  {
    key: 'basis',
    header: '口径',
    type: 'enum',
    options: POPULATION_BASES.map((value) => ({ value, label: BASIS_LABELS[value] })),
    required: true,
  },
  {
    key: 'sex',
    header: '性别',
    type: 'enum',
    options: POPULATION_SEXES.map((value) => ({ value, label: SEX_LABELS[value] })),
    required: true,
  },
  { key: 'ageFrom', header: '起始年龄', type: 'int', min: 0, max: 150, required: true },
  {
    key: 'ageTo',
    header: '截止年龄',
    type: 'int',
    min: 0,
    max: 150,
    required: false,
    note: '含该岁；留空表示“及以上”（如60岁及以上：起始年龄60，截止年龄留空）',
  },
  { key: 'count', header: '人数', type: 'int', min: 0, max: Number.MAX_SAFE_INTEGER, required: true },
  {
    key: 'source',
    header: '数据来源',
    type: 'enum',
    options: POPULATION_SOURCES.map((value) => ({ value, label: SOURCE_LABELS[value] })),
    required: true,
  },
  { key: 'note', header: '备注', type: 'text', maxLength: 500, required: false },
];

const KEY = ['region_code', 'year', 'basis', 'sex', 'age_from', 'age_to_key', 'source'];

export const populationKind: IntakeKind = {
  key: 'population',
  title: '人口统计数据',
  sheetName: '人口统计',
  entity: 'population_figure',
  permission: 'population.write',
  principals: ['government', 'system'],
  columns,
  instructions: [
    '每行一个统计数：某区划某年份、某口径、某性别、某年龄段的人数。',
    '同一区划、年份、口径、性别、年龄段和来源的数已存在时，按本表更新人数；留空的备注不会清除已有备注。',
  ],
  placeOf: (row) => ({ regionCode: row.regionCode as string }),
  validate(row) {
    const figure = {
      regionCode: row.regionCode as string,
      year: row.year as number,
      basis: row.basis as PopulationBasis,
      sex: row.sex as PopulationSex,
      ageFrom: row.ageFrom as number,
      ageTo: row.ageTo as number | null,
      count: row.count as number,
      source: row.source as PopulationSource,
      note: row.note as string | null,
    };
    return validateFigureBatch([figure], () => 'row').map((problem) => problem.message['zh-CN']);
  },
  staging: [
    { name: 'region_code', type: 'text' },
    { name: 'year', type: 'integer' },
    { name: 'basis', type: 'text' },
    { name: 'sex', type: 'text' },
    { name: 'age_from', type: 'integer' },
    { name: 'age_to', type: 'integer' },
    // The open end as a value, so that the key can be grouped and joined on.
    { name: 'age_to_key', type: 'integer' },
    { name: 'count', type: 'bigint' },
    { name: 'source', type: 'text' },
    { name: 'note', type: 'text' },
  ],
  stage: (row) => [
    row.regionCode,
    row.year,
    row.basis,
    row.sex,
    row.ageFrom,
    row.ageTo,
    row.ageTo ?? -1,
    row.count,
    row.source,
    row.note,
  ],
  checks: () => [
    // Figures describe a year: the region must not have been abolished before it ended.
    regionInForce('region_code', '区划代码', sql<string>`make_date(s.year, 12, 31)`, false),
    repeatedInFile(KEY, '区划、年份、口径、性别、年龄段和来源均相同'),
  ],
  async apply(tx, ctx) {
    const sameKey = sql`f.region_code = s.region_code AND f.year = s.year AND f.basis = s.basis AND f.sex = s.sex
      AND f.age_from = s.age_from AND f.age_to IS NOT DISTINCT FROM s.age_to AND f.source = s.source`;
    const updated = await countByRegion(sql`
      UPDATE population_figure f
      SET count = s.count, note = coalesce(s.note, f.note), entered_by = ${ctx.accountId}, entered_at = now()
      FROM intake_staging s
      WHERE ${sameKey} AND (f.count, f.note) IS DISTINCT FROM (s.count, coalesce(s.note, f.note))
      RETURNING f.region_code`).execute(tx);
    const created = await countByRegion(sql`
      INSERT INTO population_figure (region_code, year, basis, sex, age_from, age_to, count, source, note, entered_by)
      SELECT s.region_code, s.year, s.basis, s.sex, s.age_from, s.age_to, s.count, s.source, s.note, ${ctx.accountId}
      FROM intake_staging s
      WHERE NOT EXISTS (SELECT 1 FROM population_figure f WHERE ${sameKey})
      RETURNING region_code`).execute(tx);
    return mergeCounts(created.rows, updated.rows);
  },
};
