// Evaluates a plan for a region and date: each indicator computed from the registries (or its latest entered
// value), beside the published figure and the target, with the gap, the status and what remains to be built.
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.ts';
import { fieldError, invalidInput, notFound } from '../../server/errors.ts';
import {
  ADDITIVE_CAPACITY,
  COMPUTATIONS,
  computationContext,
  isComputationKey,
  type ComputationContext,
} from './computations.ts';
import {
  differsBeyondRounding,
  ratioValue,
  roundTo,
  statusOf,
  toAdd,
  unitScale,
  yearlySchedule,
  commonRoot,
  yearEarlier,
  yearsOf,
  type ScheduleYear,
  type Status,
  type TargetPath,
} from './rules.ts';
import { preloadSubtreeOn } from './batch.ts';
import type { IndicatorDomain } from './tables.ts';

export async function findPlan(db: Db | Tx, id: number) {
  return db.selectFrom('plan').selectAll().where('id', '=', id).executeTakeFirst();
}
export type PlanRow = NonNullable<Awaited<ReturnType<typeof findPlan>>>;

export async function planIndicators(db: Db | Tx, planIds: readonly number[]) {
  if (planIds.length === 0) return [];
  return db
    .selectFrom('plan_indicator as pi')
    .innerJoin('indicator_definition as d', 'd.key', 'pi.indicator_key')
    .select([
      'pi.id',
      'pi.plan_id',
      'pi.region_code',
      'pi.position',
      'pi.indicator_key',
      'pi.wording',
      'pi.unit',
      'pi.baseline_year',
      'pi.baseline_value',
      'pi.mid_year',
      'pi.mid_value',
      'pi.target_year',
      'pi.target_value',
      'pi.comparator',
      'pi.nature',
      'pi.responsible',
      'pi.note',
      'd.domain',
      'd.method',
      'd.numerator',
      'd.denominator',
      'd.factor',
      'd.unit as definition_unit',
      'd.decimals',
      'd.direction',
    ])
    .where('pi.plan_id', 'in', [...planIds])
    .orderBy('pi.plan_id')
    .orderBy('pi.position')
    .execute();
}
type IndicatorRow = Awaited<ReturnType<typeof planIndicators>>[number];

export interface Evaluation {
  planId: number;
  regionCode: string;
  date: string;
  indicators: EvaluatedIndicator[];
}

export interface EvaluatedIndicator {
  planIndicatorId: number;
  key: string;
  wording: string;
  unit: string;
  domain: IndicatorDomain;
  method: 'computed' | 'entered';
  nature: 'binding' | 'expected' | null;
  responsible: string | null;
  /** Where the plan's table gives no detail the note says it: a compiler's remark, or why the platform added it. */
  note: string | null;
  /** The plan whose target applies: the region's own plan when it states the indicator, else the parent's. */
  targetPlanId: number;
  baselineYear: number | null;
  baseline: number | null;
  midYear: number | null;
  mid: number | null;
  targetYear: number;
  /** null: an absolute count the plan states for its own region only, which a subdivision cannot be held to. */
  target: number | null;
  comparator: string;
  numerator: number | null;
  denominator: number | null;
  /** In the plan's unit, rounded to the definition's decimals. */
  computed: number | null;
  entered: { value: number; asOf: string; source: string } | null;
  published: number | null;
  /** Computed and published differ beyond the published figure's rounding. */
  differs: boolean;
  value: number | null;
  /** The value a year before the date, and the change since. */
  trend: { date: string; value: number; change: number } | null;
  gap: number | null;
  status: Status | 'not_applicable';
  /**
   * What must be added to the numerator's registry (beds, places) to meet the target; null for indicators that
   * count nothing one builds. count is null when the records cannot tell.
   */
  toAdd: { quantity: string; count: number | null } | null;
}

type Entered = { value: number; asOf: string; source: string };

/** Each region's latest entered value of each indicator up to the date. */
async function latestEntered(db: Db | Tx, keys: string[], regionCodes: readonly string[], date: string) {
  const found = new Map<string, Map<string, Entered>>(regionCodes.map((code) => [code, new Map()]));
  if (keys.length === 0 || regionCodes.length === 0) return found;
  const rows = await db
    .selectFrom('indicator_value')
    .select(['region_code', 'indicator_key', 'value', 'as_of', 'source'])
    .where('indicator_key', 'in', keys)
    // One array parameter however many regions: every village of a province is more than a query's 65,535.
    .where(sql<boolean>`region_code = ANY(${[...regionCodes]}::text[])`)
    .where('as_of', '<=', date)
    .orderBy('as_of', 'desc')
    .orderBy('id', 'desc')
    .execute();
  for (const row of rows) {
    const ofRegion = found.get(row.region_code)!;
    if (!ofRegion.has(row.indicator_key)) {
      ofRegion.set(row.indicator_key, { value: Number(row.value), asOf: row.as_of, source: row.source });
    }
  }
  return found;
}

/** The plans between the evaluated plan and the regions (their own plans), with their indicators. */
async function nestedPlans(db: Db | Tx, plan: PlanRow, regionCodes: readonly string[]) {
  const candidates = (
    await db.selectFrom('plan').select(['id', 'region_code']).where('id', '<>', plan.id).execute()
  )
    .filter(
      (p) =>
        p.region_code.startsWith(plan.region_code) &&
        regionCodes.some((code) => code.startsWith(p.region_code)),
    )
    .sort((a, b) => a.region_code.length - b.region_code.length);
  const rows = await planIndicators(
    db,
    candidates.map((p) => p.id),
  );
  return { candidates, rows };
}

/** For each indicator key, the stated target of the plan nearest above (or at) the region. */
function applicableTargets(nested: Awaited<ReturnType<typeof nestedPlans>>, regionCode: string) {
  const byKey = new Map<string, IndicatorRow>();
  // Candidates run from the parent down, so the nearest plan's indicator is set last.
  for (const candidate of nested.candidates) {
    if (!regionCode.startsWith(candidate.region_code)) continue;
    for (const row of nested.rows) if (row.plan_id === candidate.id) byKey.set(row.indicator_key, row);
  }
  return byKey;
}

const RATE_UNITS = new Set(['%', '‰', '‱', '岁']);

/** An absolute count (beds, institutions) rather than a rate: a city's count target says nothing of a district. */
function isCount(row: IndicatorRow): boolean {
  return row.denominator === null && !RATE_UNITS.has(row.definition_unit);
}

async function compute(context: ComputationContext, key: string | null): Promise<number | null> {
  if (key === null || !isComputationKey(key)) return null;
  return COMPUTATIONS[key](context);
}

export interface EvaluateOptions {
  /** Which indicator domains the caller may see in a region. */
  visible: (domain: IndicatorDomain, regionCode: string) => boolean;
}

export async function loadEvaluablePlan(db: Db | Tx, planId: number, regionCode: string): Promise<PlanRow> {
  const plan = await findPlan(db, planId);
  if (!plan) throw notFound('Plan', '规划');
  if (!regionCode.startsWith(plan.region_code)) {
    throw invalidInput([
      fieldError('query.region', '该地区不在规划所属地区范围内', "The region is outside the plan's region"),
    ]);
  }
  return plan;
}

export async function evaluatePlan(
  db: Db | Tx,
  plan: PlanRow,
  regionCode: string,
  date: string,
  options: EvaluateOptions,
): Promise<Evaluation> {
  return (await evaluateRegions(db, plan, [regionCode], date, options))[0];
}

/**
 * The plan evaluated in each of the regions, with the trend over the year before. `batch` reads every registry
 * once for all the regions (one grouped scan, summed up the region tree) instead of region by region: the same
 * values, at a fraction of the cost when there are many regions.
 */
export async function evaluateRegions(
  db: Db | Tx,
  plan: PlanRow,
  regionCodes: readonly string[],
  date: string,
  options: EvaluateOptions,
  batch = false,
): Promise<Evaluation[]> {
  const previousDate = yearEarlier(date);
  const root = commonRoot(regionCodes);
  // Independent reads: on a pool they run side by side.
  const [all, nested, [preloaded, preloadedBefore]] = await Promise.all([
    planIndicators(db, [plan.id]),
    nestedPlans(db, plan, regionCodes),
    batch ? preloadSubtreeOn(db, root, [date, previousDate], regionCodes) : [undefined, undefined],
  ]);
  const keys = [...new Set(all.map((row) => row.indicator_key))];
  const [entered, enteredBefore] = await Promise.all([
    latestEntered(db, keys, regionCodes, date),
    latestEntered(db, keys, regionCodes, previousDate),
  ]);
  const evaluations: Evaluation[] = [];
  for (const regionCode of regionCodes) {
    const rows = all.filter((row) => options.visible(row.domain, regionCode));
    evaluations.push(
      await evaluateRegion(rows, applicableTargets(nested, regionCode), plan.id, {
        now: computationContext(db, regionCode, date, preloaded?.get(regionCode)),
        before: computationContext(db, regionCode, previousDate, preloadedBefore?.get(regionCode)),
        entered: entered.get(regionCode)!,
        enteredBefore: enteredBefore.get(regionCode)!,
      }),
    );
  }
  return evaluations;
}

/** Each computation the rows name, computed once in the context however many indicators share it. */
async function computeAll(context: ComputationContext, rows: readonly IndicatorRow[]) {
  const keys = new Set<string>();
  for (const row of rows) {
    if (row.method !== 'computed') continue;
    if (row.numerator !== null) keys.add(row.numerator);
    if (row.denominator !== null) keys.add(row.denominator);
  }
  const values = await Promise.all([...keys].map(async (key) => [key, await compute(context, key)] as const));
  return new Map<string, number | null>(values);
}

/** An indicator's value from the computed values of its context, or the latest entered one. */
function measure(
  row: IndicatorRow,
  scale: number,
  values: Map<string, number | null>,
  entered: Map<string, Entered>,
) {
  const computedRow = row.method === 'computed';
  const numerator = computedRow && row.numerator !== null ? (values.get(row.numerator) ?? null) : null;
  const denominator = computedRow && row.denominator !== null ? (values.get(row.denominator) ?? null) : null;
  const raw = !computedRow
    ? null
    : row.denominator === null
      ? numerator
      : ratioValue(numerator, denominator, Number(row.factor));
  const computed = raw === null ? null : raw / scale;
  const enteredValue = entered.get(row.indicator_key) ?? null;
  const value = computed ?? (computedRow ? null : (enteredValue?.value ?? null));
  return { numerator, denominator, computed, enteredValue, value };
}

async function evaluateRegion(
  rows: IndicatorRow[],
  own: Map<string, IndicatorRow>,
  planId: number,
  sources: {
    now: ComputationContext;
    before: ComputationContext;
    entered: Map<string, Entered>;
    enteredBefore: Map<string, Entered>;
  },
): Promise<Evaluation> {
  const { region: regionCode, date } = sources.now;
  const at = yearsOf(date);
  const year = Number(date.slice(0, 4));
  const [now, before] = await Promise.all([computeAll(sources.now, rows), computeAll(sources.before, rows)]);
  const indicators: EvaluatedIndicator[] = [];
  for (const row of rows) {
    const targetRow = own.get(row.indicator_key) ?? row;
    const path: TargetPath = {
      baselineYear: targetRow.baseline_year,
      baseline: targetRow.baseline_value === null ? null : Number(targetRow.baseline_value),
      midYear: targetRow.mid_year,
      mid: targetRow.mid_value === null ? null : Number(targetRow.mid_value),
      targetYear: targetRow.target_year,
      target: Number(targetRow.target_value),
      comparator: targetRow.comparator,
      direction: row.direction,
    };
    const factor = Number(row.factor);
    const scale = unitScale(targetRow.unit, row.definition_unit);
    const { numerator, denominator, computed, enteredValue, value } = measure(
      row,
      scale,
      now,
      sources.entered,
    );
    const previous = measure(row, scale, before, sources.enteredBefore).value;
    // The published figure of the evaluated year: an entered figure of that year, else the plan's own baseline
    // when the plan states one for that year and this very region.
    const statedHere = targetRow.region_code === regionCode;
    const published =
      enteredValue && enteredValue.asOf.startsWith(String(year))
        ? enteredValue.value
        : statedHere && path.baselineYear === year
          ? path.baseline
          : null;
    const additive =
      row.method === 'computed' &&
      row.numerator !== null &&
      (ADDITIVE_CAPACITY as readonly string[]).includes(row.numerator);
    const applies = statedHere || !isCount(row);
    const add =
      additive && applies
        ? toAdd(path.target * scale, path.comparator, numerator, denominator, factor)
        : null;
    indicators.push({
      planIndicatorId: row.id,
      key: row.indicator_key,
      wording: row.wording,
      unit: targetRow.unit,
      domain: row.domain,
      method: row.method,
      nature: targetRow.nature,
      responsible: targetRow.responsible,
      note: targetRow.note,
      targetPlanId: targetRow.plan_id,
      baselineYear: path.baselineYear,
      baseline: path.baseline,
      midYear: path.midYear,
      mid: path.mid,
      targetYear: path.targetYear,
      target: applies ? path.target : null,
      comparator: path.comparator,
      numerator,
      denominator,
      computed: computed === null ? null : roundTo(computed, row.decimals),
      entered: enteredValue,
      published,
      differs: differsBeyondRounding(computed, published),
      value: value === null ? null : roundTo(value, row.decimals),
      trend:
        value === null || previous === null
          ? null
          : {
              date: sources.before.date,
              value: roundTo(previous, row.decimals),
              change: roundTo(value - previous, row.decimals),
            },
      gap: value === null || !applies ? null : roundTo(path.target - value, row.decimals),
      // Judged at the precision the plan states its figures in: 0.299 social workers per 1,000 is the plan's 0.3.
      status: applies
        ? statusOf(path, value === null ? null : roundTo(value, row.decimals), at)
        : 'not_applicable',
      toAdd: additive && applies ? { quantity: row.numerator!, count: add } : null,
    });
  }
  return { planId, regionCode, date, indicators };
}

export interface RegionGaps {
  regionCode: string;
  gaps: {
    key: string;
    wording: string;
    quantity: string;
    current: number | null;
    target: number;
    toAdd: number | null;
  }[];
}

export interface GapAnalysis {
  planId: number;
  regionCode: string;
  date: string;
  regions: RegionGaps[];
  /** The plan's yearly additions against the records, for the plan's own region. */
  schedules: {
    quantity: string;
    baselineDate: string;
    baseline: number | null;
    current: number | null;
    years: ScheduleYear[];
  }[];
}

/** What the region and each of its subdivisions must add to reach the plan's targets, and the yearly schedule. */
export async function planGaps(
  db: Db | Tx,
  plan: PlanRow,
  regionCode: string,
  date: string,
  subdivisions: readonly string[],
  options: EvaluateOptions,
): Promise<GapAnalysis> {
  const regions: RegionGaps[] = [];
  const codes = [regionCode, ...subdivisions];
  for (const evaluation of await evaluateRegions(db, plan, codes, date, options, true)) {
    regions.push({
      regionCode: evaluation.regionCode,
      gaps: evaluation.indicators.flatMap((indicator) =>
        indicator.toAdd === null || indicator.target === null
          ? []
          : [
              {
                key: indicator.key,
                wording: indicator.wording,
                quantity: indicator.toAdd.quantity,
                current: indicator.numerator,
                target: indicator.target,
                toAdd: indicator.toAdd.count,
              },
            ],
      ),
    });
  }
  const schedules: GapAnalysis['schedules'] = [];
  if (regionCode === plan.region_code) {
    const additions = await db
      .selectFrom('plan_addition')
      .select(['quantity', 'year', 'added'])
      .where('plan_id', '=', plan.id)
      .orderBy('quantity')
      .orderBy('year')
      .execute();
    const quantities = [...new Set(additions.map((a) => a.quantity))].filter(isComputationKey);
    for (const quantity of quantities) {
      const mine = additions.filter((a) => a.quantity === quantity);
      const baselineDate = `${mine[0].year - 1}-12-31`;
      const baseline = await compute(computationContext(db, regionCode, baselineDate), quantity);
      const current = await compute(computationContext(db, regionCode, date), quantity);
      schedules.push({
        quantity,
        baselineDate,
        baseline,
        current,
        years: baseline === null || current === null ? [] : yearlySchedule(baseline, mine, current),
      });
    }
  }
  return { planId: plan.id, regionCode, date, regions, schedules };
}
