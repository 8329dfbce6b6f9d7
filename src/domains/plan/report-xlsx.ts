// The evaluation report as an Excel workbook: one sheet per section, numbers as numbers so cities can keep
// computing with them.
import ExcelJS from '../intake/excel.ts';
import type { PlanReport } from './report-data.ts';
import {
  AREA_TYPE_LABELS,
  MEASURE_LABELS,
  NOTE_LABELS,
  QUANTITY_LABELS,
  STANDARD_STATUS_LABELS,
  STATUS_LABELS,
  TASK_STATUS_LABELS,
} from './report-labels.ts';

type Value = string | number | null;

function sheet(
  workbook: InstanceType<typeof ExcelJS.Workbook>,
  name: string,
  columns: { header: string; width: number }[],
  rows: Value[][],
) {
  const worksheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  worksheet.columns = columns.map((column) => ({ header: column.header, width: column.width }));
  worksheet.getRow(1).font = { bold: true };
  for (const row of rows) worksheet.addRow(row);
  return worksheet;
}

export async function renderReportXlsx(report: PlanReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'laoyou 老幼';
  workbook.title = `${report.planName} 年度评估报告`;
  const regionName = (code: string) =>
    code === report.regionCode
      ? report.regionName
      : (report.subRegions.find((r) => r.regionCode === code)?.name ?? code);

  sheet(
    workbook,
    '概况',
    [
      { header: '项目', width: 20 },
      { header: '内容', width: 50 },
    ],
    [
      ['规划', report.planName],
      ['评估地区', `${report.regionName}（${report.regionCode}）`],
      ['评估日期', report.date],
      ['指标数', report.indicators.length],
      ...(['met', 'on_track', 'at_risk', 'off_track', 'no_data', 'not_applicable'] as const).map(
        (key): Value[] => [STATUS_LABELS[key], report.summary[key]],
      ),
    ],
  );

  sheet(
    workbook,
    '指标评估',
    [
      { header: '序号', width: 6 },
      { header: '指标', width: 40 },
      { header: '单位', width: 8 },
      { header: '属性', width: 8 },
      { header: '责任单位', width: 16 },
      { header: '基期年', width: 8 },
      { header: '基期值', width: 10 },
      { header: '计算值', width: 10 },
      { header: '公布值', width: 10 },
      { header: '计算值与公布值不一致', width: 12 },
      { header: '目标年', width: 8 },
      { header: '比较', width: 6 },
      { header: '目标值', width: 10 },
      { header: '差距', width: 10 },
      { header: '状态', width: 10 },
      { header: '分子', width: 12 },
      { header: '分母', width: 12 },
    ],
    report.indicators.map((i, index) => [
      index + 1,
      i.wording,
      i.unit,
      i.nature === 'binding' ? '约束性' : i.nature === 'expected' ? '预期性' : null,
      i.responsible,
      i.baselineYear,
      i.baseline,
      i.computed ?? (i.method === 'entered' ? i.value : null),
      i.published,
      i.differs ? '是' : '否',
      i.targetYear,
      i.comparator,
      i.target,
      i.gap,
      STATUS_LABELS[i.status],
      i.numerator,
      i.denominator,
    ]),
  );

  sheet(
    workbook,
    '建设缺口',
    [
      { header: '地区代码', width: 12 },
      { header: '地区', width: 14 },
      { header: '指标', width: 36 },
      { header: '数量', width: 18 },
      { header: '现有', width: 10 },
      { header: '目标', width: 10 },
      { header: '尚需新增', width: 10 },
    ],
    report.gaps.regions.flatMap((region) =>
      region.gaps.map((gap): Value[] => [
        region.regionCode,
        regionName(region.regionCode),
        gap.wording,
        QUANTITY_LABELS[gap.quantity] ?? gap.quantity,
        gap.current,
        gap.target,
        gap.toAdd,
      ]),
    ),
  );

  sheet(
    workbook,
    '年度计划',
    [
      { header: '数量', width: 18 },
      { header: '年度', width: 8 },
      { header: '计划新增', width: 10 },
      { header: '计划累计', width: 10 },
      { header: '尚缺', width: 10 },
      { header: '基数', width: 10 },
      { header: '基数日期', width: 12 },
      { header: '现有', width: 10 },
    ],
    report.gaps.schedules.flatMap((schedule) =>
      schedule.years.map((year): Value[] => [
        QUANTITY_LABELS[schedule.quantity] ?? schedule.quantity,
        year.year,
        year.added,
        year.planned,
        year.toAdd,
        schedule.baseline,
        schedule.baselineDate,
        schedule.current,
      ]),
    ),
  );

  sheet(
    workbook,
    '设施配建标准',
    [
      { header: '地区代码', width: 12 },
      { header: '地区', width: 14 },
      { header: '标准', width: 34 },
      { header: '适用范围', width: 18 },
      { header: '最低要求', width: 10 },
      { header: '每处最小面积', width: 12 },
      { header: '现状', width: 10 },
      { header: '应有', width: 10 },
      { header: '现有', width: 10 },
      { header: '缺口', width: 10 },
      { header: '结论', width: 8 },
      { header: '说明', width: 24 },
      { header: '依据', width: 36 },
    ],
    report.standards.flatMap((region) =>
      region.checks.map((check): Value[] => [
        region.regionCode,
        region.name,
        MEASURE_LABELS[check.measure],
        AREA_TYPE_LABELS[check.areaType],
        check.minimum,
        check.siteMinimum,
        check.value,
        check.required,
        check.provided,
        check.shortfall,
        STANDARD_STATUS_LABELS[check.status],
        check.note ? NOTE_LABELS[check.note] : null,
        check.source,
      ]),
    ),
  );

  sheet(
    workbook,
    '重点任务',
    [
      { header: '序号', width: 6 },
      { header: '任务', width: 50 },
      { header: '牵头单位', width: 30 },
      { header: '参与单位', width: 30 },
      { header: '完成时限', width: 12 },
      { header: '最新报告日期', width: 12 },
      { header: '进展状态', width: 10 },
      { header: '进展情况', width: 50 },
    ],
    report.tasks.map((task) => [
      task.number,
      task.title,
      task.leadDepartments.join('、'),
      task.participatingDepartments.join('、'),
      task.deadline,
      task.latest?.reportedOn ?? null,
      task.latest ? (TASK_STATUS_LABELS[task.latest.status] ?? task.latest.status) : null,
      task.latest?.report ?? null,
    ]),
  );

  const keys = report.indicators.map((indicator) => indicator.planIndicatorId);
  sheet(
    workbook,
    '下级地区',
    [
      { header: '地区代码', width: 12 },
      { header: '地区', width: 14 },
      ...(['met', 'on_track', 'at_risk', 'off_track', 'no_data'] as const).map((key) => ({
        header: STATUS_LABELS[key],
        width: 8,
      })),
      ...report.indicators.map((indicator) => ({
        header: `${indicator.wording}（${indicator.unit}）`,
        width: 14,
      })),
    ],
    report.subRegions.map((region): Value[] => [
      region.regionCode,
      region.name,
      ...(['met', 'on_track', 'at_risk', 'off_track', 'no_data'] as const).map((key) => region.summary[key]),
      ...keys.map(
        (id) => region.indicators.find((indicator) => indicator.planIndicatorId === id)?.value ?? null,
      ),
    ]),
  );

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
