// The five seed plans as the repository carries them: the indicator table (seed/indicators.csv, copied from the
// shared reference) plus what the CSV has no column for: names and yearly additions stated in the plans' text.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Comparator, Nature } from './tables.ts';

export const SEED_CSV = fileURLToPath(new URL('./seed/indicators.csv', import.meta.url));

export const PLAN_NAMES: Readonly<Record<string, string>> = {
  '000_1f7e077fdd932d88.txt': '淮北市“一老一小”整体解决方案',
  '001_b026979addf2063b.txt': '巫溪县促进养老托育服务健康发展“一老一小”整体解决方案',
  '002_b28c3bb2e69c7283.txt': '辽宁省“十四五”促进养老托育服务健康发展实施方案',
  '003_d61584bcdc282ef2.txt': '许昌市“一老一小”整体解决方案（征求意见稿）',
  '004_a04cd55af43d86a8.txt': '舟山市“一老一小”整体解决方案',
};

/** Yearly additions the plans state in their text: 淮北's new childcare places 2021–2025. */
export const PLAN_ADDITIONS: Readonly<
  Record<string, readonly { quantity: string; year: number; added: number }[]>
> = {
  '000_1f7e077fdd932d88.txt': [
    { quantity: 'childcare_places', year: 2021, added: 2664 },
    { quantity: 'childcare_places', year: 2022, added: 2000 },
    { quantity: 'childcare_places', year: 2023, added: 2200 },
    { quantity: 'childcare_places', year: 2024, added: 800 },
    { quantity: 'childcare_places', year: 2025, added: 500 },
  ],
};

export interface SeedRow {
  plan: string;
  /** As the platform's region table spells it: 340600 → 3406, 210000 → 21. */
  regionCode: string;
  regionName: string;
  domain: 'elderly_care' | 'childcare';
  wording: string;
  unit: string;
  baselineYear: number | null;
  baseline: number | null;
  midYear: number | null;
  mid: number | null;
  targetYear: number;
  target: number;
  comparator: Comparator;
  nature: Nature | null;
  responsible: string | null;
  note: string | null;
}

const HEADER =
  'plan,region_code,region,domain,indicator,unit,baseline_year,baseline,mid_year,mid,target_year,target,comparator,nature,responsible';

/** GB/T 2260 six-digit codes pad with zeros; the region table keeps only the significant levels. */
export function trimRegionCode(code: string): string {
  if (code.length !== 6) return code;
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

const number = (text: string) => (text === '' ? null : Number(text));

/**
 * Where a plan names no department, the CSV's compilers put their remarks ("gap 8377 stated in the plan…") in the
 * responsible column. A department is written in Chinese alone; a remark carries Latin letters or figures.
 */
const DEPARTMENT_NAME = /^[\u4e00-\u9fff（）()、]+$/u;

export function isDepartmentName(cell: string): boolean {
  return DEPARTMENT_NAME.test(cell);
}

/** The CSV holds no quoted fields (checked: every line splits into the header's columns, any extra note last). */
export function parseSeedCsv(text: string): SeedRow[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (!lines[0].startsWith(HEADER)) throw new Error('indicators.csv: unexpected header');
  return lines.slice(1).map((line, index) => {
    const cells = line.split(',');
    if (cells.length < 15) throw new Error(`indicators.csv line ${index + 2}: ${cells.length} columns`);
    const [plan, code, region, domain, wording, unit, by, b, my, m, ty, t, comparator, nature, responsible] =
      cells;
    const remark = responsible && !isDepartmentName(responsible) ? responsible : '';
    const note = [remark, cells.slice(15).join(',').trim()].filter((part) => part !== '').join('; ');
    return {
      plan,
      regionCode: trimRegionCode(code),
      regionName: region,
      domain: domain === 'childcare' ? 'childcare' : 'elderly_care',
      wording,
      unit,
      baselineYear: number(by),
      baseline: number(b),
      midYear: number(my),
      mid: number(m),
      targetYear: Number(ty),
      target: Number(t),
      comparator: comparator as Comparator,
      nature: nature === '约束性' ? 'binding' : nature === '预期性' ? 'expected' : null,
      responsible: remark === '' ? responsible || null : null,
      note: note || null,
    };
  });
}

/** The wording the catalogue maps to the monthly visit rate (`monthly_visit_rate`). */
export const VISIT_RATE_WORDING = '特殊困难老年人月探访率';

const NATIONAL_VISIT_RATE_NOTE =
  '平台补充：方案指标表未列此项；依据民政部等《关于开展特殊困难老年人探访关爱服务的指导意见》（2022），2025年底月探访率达到100%';

/** Plans that promise the rate in their text though their indicator table leaves it out. */
const VISIT_RATE_IN_TEXT: Readonly<Record<string, string>> = {
  '004_a04cd55af43d86a8.txt':
    '平台补充：方案指标表未列此项；方案正文：“到2025年,特殊老年群体村(社区)月探访率达到100%”',
};

/**
 * Every plan answers to the national rule that special-hardship elders are visited every month, 100% by the end of
 * 2025. Where a plan's table leaves the rate out, the platform adds it with a note saying where the target comes
 * from, so the visit rate is evaluated, drilled into and reported against every plan.
 */
export function withVisitRate(rows: readonly SeedRow[]): SeedRow[] {
  const added: SeedRow[] = [];
  const plans = new Map<string, SeedRow>();
  for (const row of rows) if (!plans.has(row.plan)) plans.set(row.plan, row);
  for (const [plan, first] of plans) {
    if (rows.some((row) => row.plan === plan && row.wording === VISIT_RATE_WORDING)) continue;
    added.push({
      plan,
      regionCode: first.regionCode,
      regionName: first.regionName,
      domain: 'elderly_care',
      wording: VISIT_RATE_WORDING,
      unit: '%',
      baselineYear: null,
      baseline: null,
      midYear: null,
      mid: null,
      targetYear: 2025,
      target: 100,
      comparator: '>=',
      nature: null,
      responsible: null,
      note: VISIT_RATE_IN_TEXT[plan] ?? NATIONAL_VISIT_RATE_NOTE,
    });
  }
  return [...rows, ...added];
}

export function readSeedRows(path = SEED_CSV): SeedRow[] {
  return withVisitRate(parseSeedCsv(readFileSync(path, 'utf8')));
}
