// The words the reports print for statuses, quantities and standards (zh-CN, the language of the plans).
import type { ReportStatus } from './report-data.ts';
import type { AreaType, StandardMeasure } from './standards-tables.ts';

export const STATUS_LABELS: Record<ReportStatus, string> = {
  met: '已达标',
  on_track: '进度正常',
  at_risk: '有风险',
  off_track: '滞后',
  no_data: '无数据',
  not_applicable: '不适用',
};

export const TASK_STATUS_LABELS: Record<string, string> = {
  not_started: '未启动',
  in_progress: '推进中',
  done: '已完成',
  delayed: '滞后',
};

export const QUANTITY_LABELS: Record<string, string> = {
  beds_total: '养老床位（张）',
  nursing_beds: '护理型床位（张）',
  dementia_beds: '认知障碍床位（张）',
  inclusive_beds: '普惠型床位（张）',
  private_beds: '社会力量床位（张）',
  care_homes: '养老机构（家）',
  childcare_places: '托位（个）',
  inclusive_childcare_places: '普惠托位（个）',
  childcare_facilities: '托育机构（家）',
  inclusive_childcare_facilities: '普惠托育机构（家）',
};

export const MEASURE_LABELS: Record<StandardMeasure, string> = {
  elderly_space_per_100_households: '社区养老服务设施面积（平方米/百户）',
  childcare_places_per_1000_residents: '托位（个/千人）',
  elderly_land_per_resident: '养老服务设施用地（平方米/人）',
};

export const AREA_TYPE_LABELS: Record<AreaType, string> = {
  new: '新建居住区',
  existing: '老城区和已建成居住区',
  all: '全域',
};

export const NOTE_LABELS: Record<string, string> = {
  no_population: '缺少常住人口数',
  no_household_size: '缺少户均人口参数',
  land_not_recorded: '登记中无用地面积，暂不能核算',
  small_sites_excluded: '低于单处面积下限的站点不计入',
};

export const STANDARD_STATUS_LABELS: Record<string, string> = {
  met: '达标',
  not_met: '未达标',
  no_data: '无数据',
};

const NUMBER = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 4, useGrouping: false });

/** A number as the plans print it (8554, 0.95), null as a dash. */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return NUMBER.format(value);
}
