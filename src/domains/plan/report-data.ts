// The annual evaluation report of a plan: one evaluation, gap analysis, standards check and task register, read
// once and rendered as PDF and as Excel alike, so both formats always say the same.
import type { Tx } from '../../db/database.ts';
import { liveChildren } from '../population/queries.ts';
import {
  evaluateRegions,
  planGaps,
  type EvaluatedIndicator,
  type GapAnalysis,
  type PlanRow,
} from './evaluate.ts';
import type { Status } from './rules.ts';
import { checkStandards, type StandardsView } from './standards-routes.ts';
import type { IndicatorDomain } from './tables.ts';

export const STATUSES = ['met', 'on_track', 'at_risk', 'off_track', 'no_data', 'not_applicable'] as const;
export type ReportStatus = Status | 'not_applicable';

export interface ReportTask {
  number: number;
  title: string;
  leadDepartments: string[];
  participatingDepartments: string[];
  deadline: string | null;
  latest: { reportedOn: string; status: string; report: string } | null;
}

export interface PlanReport {
  planId: number;
  planName: string;
  regionCode: string;
  regionName: string;
  date: string;
  summary: Record<ReportStatus, number>;
  indicators: EvaluatedIndicator[];
  /** The catalogue's English name of each indicator by key, for the en-US report. */
  englishNames: Record<string, string>;
  gaps: GapAnalysis;
  standards: StandardsView['regions'];
  tasks: ReportTask[];
  subRegions: {
    regionCode: string;
    name: string;
    summary: Record<ReportStatus, number>;
    indicators: EvaluatedIndicator[];
  }[];
}

export function countStatuses(indicators: readonly { status: ReportStatus }[]): Record<ReportStatus, number> {
  const counts = Object.fromEntries(STATUSES.map((status) => [status, 0])) as Record<ReportStatus, number>;
  for (const indicator of indicators) counts[indicator.status] += 1;
  return counts;
}

export async function buildPlanReport(
  tx: Tx,
  plan: PlanRow,
  region: { code: string; name: string },
  date: string,
  visible: (domain: IndicatorDomain, regionCode: string) => boolean,
): Promise<PlanReport> {
  const children = (await liveChildren(tx, [region.code])).get(region.code) ?? [];
  const names = new Map(
    children.length === 0
      ? []
      : (await tx.selectFrom('region').select(['code', 'name']).where('code', 'in', children).execute()).map(
          (r) => [r.code, r.name] as const,
        ),
  );
  const [own, ...below] = await evaluateRegions(
    tx,
    plan,
    [region.code, ...children],
    date,
    { visible },
    true,
  );
  const gaps = await planGaps(tx, plan, region.code, date, children, { visible });
  const standards = await checkStandards(tx, region.code, date, visible);
  const tasks = await tx
    .selectFrom('plan_task')
    .select(['id', 'number', 'title', 'lead_departments', 'participating_departments', 'deadline'])
    .where('plan_id', '=', plan.id)
    .orderBy('number')
    .execute();
  const progress = tasks.length
    ? await tx
        .selectFrom('plan_task_progress')
        .select(['task_id', 'reported_on', 'status', 'report'])
        .where(
          'task_id',
          'in',
          tasks.map((task) => task.id),
        )
        .where('reported_on', '<=', date)
        .orderBy('reported_on')
        .orderBy('id')
        .execute()
    : [];
  const latest = new Map(progress.map((entry) => [entry.task_id, entry]));
  const keys = [...new Set(own.indicators.map((indicator) => indicator.key))];
  const definitions = keys.length
    ? await tx
        .selectFrom('indicator_definition')
        .select(['key', 'name_en'])
        .where('key', 'in', keys)
        .execute()
    : [];
  return {
    planId: plan.id,
    planName: plan.name,
    regionCode: region.code,
    regionName: region.name,
    date,
    summary: countStatuses(own.indicators),
    indicators: own.indicators,
    englishNames: Object.fromEntries(definitions.map((definition) => [definition.key, definition.name_en])),
    gaps,
    standards,
    tasks: tasks.map((task) => {
      const entry = latest.get(task.id);
      return {
        number: task.number,
        title: task.title,
        leadDepartments: task.lead_departments,
        participatingDepartments: task.participating_departments,
        deadline: task.deadline,
        latest: entry ? { reportedOn: entry.reported_on, status: entry.status, report: entry.report } : null,
      };
    }),
    subRegions: below.map((evaluation) => ({
      regionCode: evaluation.regionCode,
      name: names.get(evaluation.regionCode) ?? evaluation.regionCode,
      summary: countStatuses(evaluation.indicators),
      indicators: evaluation.indicators,
    })),
  };
}
