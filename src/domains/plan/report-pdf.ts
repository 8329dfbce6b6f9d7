// The evaluation report as PDF (A4, in the reader's locale). pdfkit embeds only the glyphs used (a subset of the CJK font), so a
// report of a few pages stays small however large the font file is.
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { PlanReport } from './report-data.ts';
import type { ReportFont } from './report-font.ts';
import type { ReportWords } from './report-labels.ts';

const MARGIN = 40;
const COMPARATORS: Record<string, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<' };
const STATUS_COLOURS: Record<string, string> = {
  met: '#237804',
  on_track: '#1677ff',
  at_risk: '#d48806',
  off_track: '#cf1322',
  not_met: '#cf1322',
};

interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right' | 'center';
}
type Cell = string | { text: string; colour?: string };

class Writer {
  constructor(readonly doc: PDFKit.PDFDocument) {}

  get bottom() {
    return this.doc.page.height - MARGIN;
  }

  heading(text: string) {
    if (this.doc.y > this.bottom - 60) this.doc.addPage();
    this.doc.moveDown(0.6).fontSize(13).fillColor('#000').text(text, MARGIN, this.doc.y);
    this.doc.moveDown(0.3);
  }

  paragraph(text: string, size = 9, colour = '#333') {
    this.doc.fontSize(size).fillColor(colour).text(text, MARGIN, this.doc.y, { width: this.width });
  }

  get width() {
    return this.doc.page.width - 2 * MARGIN;
  }

  table(columns: Column[], rows: Cell[][], size = 8) {
    const doc = this.doc;
    const padding = 3;
    const scale = this.width / columns.reduce((sum, column) => sum + column.width, 0);
    const widths = columns.map((column) => column.width * scale);
    const heightOf = (cells: Cell[]) =>
      Math.max(
        ...cells.map((cell, i) =>
          doc.fontSize(size).heightOfString(typeof cell === 'string' ? cell : cell.text, {
            width: widths[i] - 2 * padding,
          }),
        ),
      ) +
      2 * padding;
    const draw = (cells: Cell[], header: boolean) => {
      const height = heightOf(cells);
      if (doc.y + height > this.bottom) {
        doc.addPage();
        if (!header)
          draw(
            columns.map((c) => c.header),
            true,
          );
      }
      const top = doc.y;
      let x = MARGIN;
      if (header) doc.rect(MARGIN, top, this.width, height).fill('#f0f2f5');
      cells.forEach((cell, i) => {
        const text = typeof cell === 'string' ? cell : cell.text;
        const colour = typeof cell === 'string' ? '#000' : (cell.colour ?? '#000');
        doc
          .fontSize(size)
          .fillColor(colour)
          .text(text, x + padding, top + padding, {
            width: widths[i] - 2 * padding,
            align: columns[i].align ?? 'left',
          });
        x += widths[i];
      });
      doc
        .moveTo(MARGIN, top + height)
        .lineTo(MARGIN + this.width, top + height)
        .lineWidth(0.3)
        .strokeColor('#bbb')
        .stroke();
      doc.x = MARGIN;
      doc.y = top + height;
    };
    draw(
      columns.map((c) => c.header),
      true,
    );
    for (const row of rows) draw(row, false);
  }
}

const status = (value: string, labels: Record<string, string>): Cell => ({
  text: labels[value] ?? value,
  colour: STATUS_COLOURS[value],
});

// The font file is read once per process: the collection is 20 MB, and reading it per report costs more than
// drawing the report.
const fontFiles = new Map<string, Buffer>();
function fontFile(path: string): Buffer {
  if (!fontFiles.has(path)) fontFiles.set(path, readFileSync(path));
  return fontFiles.get(path)!;
}

export function renderReportPdf(report: PlanReport, font: ReportFont, words: ReportWords): Promise<Buffer> {
  const { text } = words;
  const c = text.columns;
  const n = words.number;
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    lang: words.locale,
    info: { Title: `${report.planName} ${text.title}`, Author: 'laoyou 老幼', Subject: report.regionName },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', fontFile(font.path), font.family ?? undefined);
  doc.font('cjk');
  const w = new Writer(doc);
  const regionName = (code: string) =>
    code === report.regionCode
      ? report.regionName
      : (report.subRegions.find((r) => r.regionCode === code)?.name ?? code);

  doc.fontSize(18).fillColor('#000').text(report.planName, { align: 'center' });
  doc.moveDown(0.3).fontSize(14).text(text.title, { align: 'center' });
  doc
    .moveDown(0.5)
    .fontSize(10)
    .fillColor('#333')
    .text(
      text.regionLine(`${report.regionName}${text.inBrackets(report.regionCode)}`, words.date(report.date)),
      { align: 'center' },
    );

  w.heading(text.headings.overview);
  w.paragraph(text.summary(report.indicators.length, report.summary), 10);

  w.heading(text.headings.indicators);
  w.table(
    [
      { header: c.indicator, width: 150 },
      { header: c.baseline, width: 62, align: 'right' },
      { header: c.computed, width: 48, align: 'right' },
      { header: c.published, width: 52, align: 'right' },
      { header: c.target, width: 74, align: 'right' },
      { header: c.gap, width: 45, align: 'right' },
      { header: c.status, width: 46 },
    ],
    report.indicators.map((i) => [
      `${words.indicator(i)}${text.inBrackets(words.unit(i.unit))}${i.nature === 'binding' ? ` ${text.binding}` : ''}`,
      i.baselineYear === null ? '—' : `${n(i.baseline)}${text.inBrackets(String(i.baselineYear))}`,
      n(i.computed ?? (i.method === 'entered' ? i.value : null)),
      i.published === null ? '—' : `${n(i.published)}${i.differs ? ' ※' : ''}`,
      `${COMPARATORS[i.comparator] ?? i.comparator} ${n(i.target)}${text.inBrackets(String(i.targetYear))}`,
      n(i.gap),
      status(i.status, text.statuses),
    ]),
  );

  w.heading(text.headings.gaps);
  const gapRows = report.gaps.regions.flatMap((region) =>
    region.gaps.map((gap) => [
      regionName(region.regionCode),
      words.indicator(gap),
      text.quantities[gap.quantity] ?? gap.quantity,
      n(gap.current),
      n(gap.target),
      n(gap.toAdd),
    ]),
  );
  if (gapRows.length > 0) {
    w.table(
      [
        { header: c.region, width: 70 },
        { header: c.indicator, width: 170 },
        { header: c.quantity, width: 90 },
        { header: c.current, width: 55, align: 'right' },
        { header: c.target, width: 55, align: 'right' },
        { header: c.toAdd, width: 55, align: 'right' },
      ],
      gapRows,
    );
  } else w.paragraph(text.noGaps);
  for (const schedule of report.gaps.schedules) {
    doc.moveDown(0.5);
    w.paragraph(
      text.schedule(
        text.quantities[schedule.quantity] ?? schedule.quantity,
        n(schedule.baseline),
        words.date(schedule.baselineDate),
        n(schedule.current),
      ),
    );
    doc.moveDown(0.2);
    w.table(
      [
        { header: c.year, width: 60 },
        { header: c.added, width: 80, align: 'right' },
        { header: c.planned, width: 80, align: 'right' },
        { header: c.stillShort, width: 80, align: 'right' },
      ],
      schedule.years.map((year) => [String(year.year), n(year.added), n(year.planned), n(year.toAdd)]),
    );
  }

  w.heading(text.headings.standards);
  const standardRows = report.standards.flatMap((region) =>
    region.checks.map((check) => [
      region.name,
      `${text.measures[check.measure]} · ${text.areaTypes[check.areaType]}`,
      `≥ ${n(check.minimum)}${check.siteMinimum === null ? '' : text.siteMinimum(n(check.siteMinimum))}`,
      n(check.value),
      n(check.shortfall),
      status(check.status, text.standardStatuses),
      check.note ? text.notes[check.note] : '',
    ]),
  );
  if (standardRows.length > 0) {
    w.table(
      [
        { header: c.region, width: 60 },
        { header: c.standard, width: 160 },
        { header: c.requirement, width: 70 },
        { header: c.value, width: 50, align: 'right' },
        { header: c.shortfall, width: 50, align: 'right' },
        { header: c.conclusion, width: 45 },
        { header: c.note, width: 90 },
      ],
      standardRows,
    );
  } else w.paragraph(text.noStandards);

  w.heading(text.headings.tasks);
  if (report.tasks.length > 0) {
    w.table(
      [
        { header: c.number, width: 28 },
        { header: c.task, width: 170 },
        { header: c.lead, width: 100 },
        { header: c.deadline, width: 55 },
        { header: c.latestProgress, width: 160 },
      ],
      report.tasks.map((task) => [
        String(task.number),
        task.title,
        words.departments(task.leadDepartments) || '—',
        words.date(task.deadline),
        task.latest
          ? `${words.date(task.latest.reportedOn)} ${text.taskStatuses[task.latest.status] ?? task.latest.status}${text.colon}${task.latest.report}`
          : text.noReport,
      ]),
    );
  } else w.paragraph(text.noTasks);

  w.heading(text.headings.subRegions);
  const shown = ['met', 'on_track', 'at_risk', 'off_track', 'no_data'] as const;
  if (report.subRegions.length > 0) {
    w.table(
      [
        { header: c.region, width: 120 },
        ...shown.map((key) => ({ header: text.statuses[key], width: 60, align: 'right' as const })),
      ],
      report.subRegions.map((region) => [
        `${region.name}${text.inBrackets(region.regionCode)}`,
        ...shown.map((key) => ({ text: String(region.summary[key]), colour: STATUS_COLOURS[key] })),
      ]),
    );
  } else w.paragraph(text.noSubRegions);

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    // The footer sits in the bottom margin, where pdfkit would otherwise start a new page.
    doc.page.margins.bottom = 0;
    doc
      .fontSize(8)
      .fillColor('#888')
      .text(
        `${report.planName} · ${report.regionName} · ${words.date(report.date)} · ${text.page(i + 1, range.count)}`,
        MARGIN,
        doc.page.height - 28,
        {
          width: doc.page.width - 2 * MARGIN,
          align: 'center',
          lineBreak: false,
        },
      );
  }
  doc.end();
  return done;
}
