// The evaluation report as an Excel workbook: one sheet per section, numbers as numbers and dates as dates (shown
// in the reader's locale) so cities can keep computing with them.
import ExcelJS from '../intake/excel.ts';
import type { PlanReport } from './report-data.ts';
import type { ReportLocale, ReportWords } from './report-labels.ts';

type Value = string | number | Date | null;
type Workbook = InstanceType<typeof ExcelJS.Workbook>;

/** A column of a sheet: its header, its width in characters and how a row of the section fills it. */
interface Column<Row> {
  header: string;
  width: number;
  value: (row: Row) => Value;
}

const DATE_FORMATS: Record<ReportLocale, string> = {
  'zh-CN': 'yyyy"年"m"月"d"日"',
  'en-US': 'mmmm d, yyyy',
};

/** An ISO date as an Excel date (midnight UTC, which Excel reads as the day itself). */
const day = (iso: string | null | undefined): Date | null => (iso ? new Date(`${iso}T00:00:00Z`) : null);

function addSheet<Row>(
  workbook: Workbook,
  locale: ReportLocale,
  name: string,
  columns: Column<Row>[],
  rows: readonly Row[],
) {
  const worksheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  worksheet.columns = columns.map((column) => ({ header: column.header, width: column.width }));
  worksheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    const added = worksheet.addRow(columns.map((column) => column.value(row)));
    added.eachCell((cell) => {
      if (cell.value instanceof Date) cell.numFmt = DATE_FORMATS[locale];
    });
  }
}

export async function renderReportXlsx(report: PlanReport, words: ReportWords): Promise<Buffer> {
  const { text, locale } = words;
  const c = text.columns;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'laoyou 老幼';
  workbook.title = `${report.planName} ${text.title}`;
  const regionName = (code: string) =>
    code === report.regionCode
      ? report.regionName
      : (report.subRegions.find((r) => r.regionCode === code)?.name ?? code);
  const add = <Row>(name: string, columns: Column<Row>[], rows: readonly Row[]) =>
    addSheet(workbook, locale, name, columns, rows);
  const pair = (label: string, value: Value): [string, Value] => [label, value];

  add(
    text.sheets.overview,
    [
      { header: c.item, width: 20, value: ([label]) => label },
      { header: c.content, width: 50, value: ([, value]) => value },
    ],
    [
      pair(c.plan, report.planName),
      pair(c.region, `${report.regionName}${text.inBrackets(report.regionCode)}`),
      pair(c.date, day(report.date)),
      pair(c.indicatorCount, report.indicators.length),
      ...(['met', 'on_track', 'at_risk', 'off_track', 'no_data', 'not_applicable'] as const).map((key) =>
        pair(text.statuses[key], report.summary[key]),
      ),
    ],
  );

  type Indicator = PlanReport['indicators'][number];
  add<[Indicator, number]>(
    text.sheets.indicators,
    [
      { header: c.number, width: 6, value: ([, index]) => index + 1 },
      { header: c.indicator, width: 40, value: ([i]) => words.indicator(i) },
      { header: c.unit, width: 8, value: ([i]) => words.unit(i.unit) },
      { header: c.nature, width: 8, value: ([i]) => (i.nature ? text.natures[i.nature] : null) },
      {
        header: c.responsible,
        width: 16,
        value: ([i]) => (i.responsible ? words.department(i.responsible) : null),
      },
      { header: c.baselineYear, width: 8, value: ([i]) => i.baselineYear },
      { header: c.baseline, width: 10, value: ([i]) => i.baseline },
      {
        header: c.computed,
        width: 10,
        value: ([i]) => i.computed ?? (i.method === 'entered' ? i.value : null),
      },
      { header: c.published, width: 10, value: ([i]) => i.published },
      { header: c.differs, width: 12, value: ([i]) => (i.differs ? text.yes : text.no) },
      { header: c.targetYear, width: 8, value: ([i]) => i.targetYear },
      { header: c.comparator, width: 6, value: ([i]) => i.comparator },
      { header: c.target, width: 10, value: ([i]) => i.target },
      { header: c.gap, width: 10, value: ([i]) => i.gap },
      { header: c.status, width: 10, value: ([i]) => text.statuses[i.status] },
      { header: c.numerator, width: 12, value: ([i]) => i.numerator },
      { header: c.denominator, width: 12, value: ([i]) => i.denominator },
    ],
    report.indicators.map((indicator, index) => [indicator, index]),
  );

  type RegionGap = { regionCode: string; gap: PlanReport['gaps']['regions'][number]['gaps'][number] };
  add<RegionGap>(
    text.sheets.gaps,
    [
      { header: c.regionCode, width: 12, value: (r) => r.regionCode },
      { header: c.region, width: 14, value: (r) => regionName(r.regionCode) },
      { header: c.indicator, width: 36, value: (r) => words.indicator(r.gap) },
      { header: c.quantity, width: 18, value: (r) => text.quantities[r.gap.quantity] ?? r.gap.quantity },
      { header: c.current, width: 10, value: (r) => r.gap.current },
      { header: c.target, width: 10, value: (r) => r.gap.target },
      { header: c.toAdd, width: 10, value: (r) => r.gap.toAdd },
    ],
    report.gaps.regions.flatMap((region) =>
      region.gaps.map((gap) => ({ regionCode: region.regionCode, gap })),
    ),
  );

  type Schedule = PlanReport['gaps']['schedules'][number];
  type ScheduleYear = { schedule: Schedule; year: Schedule['years'][number] };
  add<ScheduleYear>(
    text.sheets.schedule,
    [
      {
        header: c.quantity,
        width: 18,
        value: (r) => text.quantities[r.schedule.quantity] ?? r.schedule.quantity,
      },
      { header: c.year, width: 8, value: (r) => r.year.year },
      { header: c.added, width: 10, value: (r) => r.year.added },
      { header: c.planned, width: 10, value: (r) => r.year.planned },
      { header: c.stillShort, width: 10, value: (r) => r.year.toAdd },
      { header: c.baseline, width: 10, value: (r) => r.schedule.baseline },
      { header: c.baselineDate, width: 14, value: (r) => day(r.schedule.baselineDate) },
      { header: c.current, width: 10, value: (r) => r.schedule.current },
    ],
    report.gaps.schedules.flatMap((schedule) => schedule.years.map((year) => ({ schedule, year }))),
  );

  type Check = {
    region: PlanReport['standards'][number];
    check: PlanReport['standards'][number]['checks'][number];
  };
  add<Check>(
    text.sheets.standards,
    [
      { header: c.regionCode, width: 12, value: (r) => r.region.regionCode },
      { header: c.region, width: 14, value: (r) => r.region.name },
      { header: c.standard, width: 34, value: (r) => text.measures[r.check.measure] },
      { header: c.scope, width: 18, value: (r) => text.areaTypes[r.check.areaType] },
      { header: c.minimum, width: 10, value: (r) => r.check.minimum },
      { header: c.siteMinimum, width: 12, value: (r) => r.check.siteMinimum },
      { header: c.value, width: 10, value: (r) => r.check.value },
      { header: c.required, width: 10, value: (r) => r.check.required },
      { header: c.provided, width: 10, value: (r) => r.check.provided },
      { header: c.shortfall, width: 10, value: (r) => r.check.shortfall },
      { header: c.conclusion, width: 8, value: (r) => text.standardStatuses[r.check.status] },
      { header: c.note, width: 24, value: (r) => (r.check.note ? text.notes[r.check.note] : null) },
      { header: c.source, width: 36, value: (r) => r.check.source },
    ],
    report.standards.flatMap((region) => region.checks.map((check) => ({ region, check }))),
  );

  add<PlanReport['tasks'][number]>(
    text.sheets.tasks,
    [
      { header: c.number, width: 6, value: (task) => task.number },
      { header: c.task, width: 50, value: (task) => task.title },
      { header: c.lead, width: 30, value: (task) => words.departments(task.leadDepartments) },
      {
        header: c.participating,
        width: 30,
        value: (task) => words.departments(task.participatingDepartments),
      },
      { header: c.deadline, width: 14, value: (task) => day(task.deadline) },
      { header: c.reportedOn, width: 14, value: (task) => day(task.latest?.reportedOn) },
      {
        header: c.progressStatus,
        width: 10,
        value: (task) => (task.latest ? (text.taskStatuses[task.latest.status] ?? task.latest.status) : null),
      },
      { header: c.progress, width: 50, value: (task) => task.latest?.report ?? null },
    ],
    report.tasks,
  );

  const shown = ['met', 'on_track', 'at_risk', 'off_track', 'no_data'] as const;
  add<PlanReport['subRegions'][number]>(
    text.sheets.subRegions,
    [
      { header: c.regionCode, width: 12, value: (region) => region.regionCode },
      { header: c.region, width: 14, value: (region) => region.name },
      ...shown.map((key) => ({
        header: text.statuses[key],
        width: 8,
        value: (region: PlanReport['subRegions'][number]) => region.summary[key],
      })),
      ...report.indicators.map((indicator) => ({
        header: `${words.indicator(indicator)}${text.inBrackets(words.unit(indicator.unit))}`,
        width: 14,
        value: (region: PlanReport['subRegions'][number]) =>
          region.indicators.find((own) => own.planIndicatorId === indicator.planIndicatorId)?.value ?? null,
      })),
    ],
    report.subRegions,
  );

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
