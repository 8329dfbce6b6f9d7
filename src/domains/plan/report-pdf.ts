// The evaluation report as PDF (A4, zh-CN). pdfkit embeds only the glyphs used (a subset of the CJK font), so a
// report of a few pages stays small however large the font file is.
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { PlanReport } from './report-data.ts';
import type { ReportFont } from './report-font.ts';
import {
  AREA_TYPE_LABELS,
  MEASURE_LABELS,
  NOTE_LABELS,
  QUANTITY_LABELS,
  STANDARD_STATUS_LABELS,
  STATUS_LABELS,
  TASK_STATUS_LABELS,
  formatNumber as n,
} from './report-labels.ts';

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

export function renderReportPdf(report: PlanReport, font: ReportFont): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: { Title: `${report.planName} 年度评估报告`, Author: 'laoyou 老幼', Subject: report.regionName },
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

  doc.fontSize(18).fillColor('#000').text(report.planName, { align: 'center' });
  doc.moveDown(0.3).fontSize(14).text('年度评估报告', { align: 'center' });
  doc
    .moveDown(0.5)
    .fontSize(10)
    .fillColor('#333')
    .text(`评估地区：${report.regionName}（${report.regionCode}）    评估日期：${report.date}`, {
      align: 'center',
    });

  w.heading('一、总体情况');
  const s = report.summary;
  w.paragraph(
    `共 ${report.indicators.length} 项指标：已达标 ${s.met} 项，进度正常 ${s.on_track} 项，有风险 ${s.at_risk} 项，` +
      `滞后 ${s.off_track} 项，无数据 ${s.no_data} 项，不适用 ${s.not_applicable} 项。` +
      `计算值由平台登记数据按指标口径计算；与规划公布值不一致（超出四舍五入）的以※标出。`,
    10,
  );

  w.heading('二、指标评估');
  w.table(
    [
      { header: '指标', width: 150 },
      { header: '基期值', width: 62, align: 'right' },
      { header: '计算值', width: 48, align: 'right' },
      { header: '公布值', width: 52, align: 'right' },
      { header: '目标值', width: 74, align: 'right' },
      { header: '差距', width: 45, align: 'right' },
      { header: '状态', width: 46 },
    ],
    report.indicators.map((i) => [
      `${i.wording}（${i.unit}）${i.nature === 'binding' ? ' [约束性]' : ''}`,
      i.baselineYear === null ? '—' : `${n(i.baseline)}（${i.baselineYear}）`,
      n(i.computed ?? (i.method === 'entered' ? i.value : null)),
      i.published === null ? '—' : `${n(i.published)}${i.differs ? ' ※' : ''}`,
      `${COMPARATORS[i.comparator] ?? i.comparator} ${n(i.target)}（${i.targetYear}）`,
      n(i.gap),
      status(i.status, STATUS_LABELS),
    ]),
  );

  w.heading('三、建设缺口');
  const gapRows = report.gaps.regions.flatMap((region) =>
    region.gaps.map((gap) => [
      region.regionCode === report.regionCode
        ? report.regionName
        : (report.subRegions.find((r) => r.regionCode === region.regionCode)?.name ?? region.regionCode),
      gap.wording,
      QUANTITY_LABELS[gap.quantity] ?? gap.quantity,
      n(gap.current),
      n(gap.target),
      n(gap.toAdd),
    ]),
  );
  if (gapRows.length > 0) {
    w.table(
      [
        { header: '地区', width: 70 },
        { header: '指标', width: 170 },
        { header: '数量', width: 90 },
        { header: '现有', width: 55, align: 'right' },
        { header: '目标', width: 55, align: 'right' },
        { header: '尚需新增', width: 55, align: 'right' },
      ],
      gapRows,
    );
  } else w.paragraph('无可计算的建设缺口。');
  for (const schedule of report.gaps.schedules) {
    doc.moveDown(0.5);
    w.paragraph(
      `${QUANTITY_LABELS[schedule.quantity] ?? schedule.quantity}年度计划：基数 ${n(schedule.baseline)}` +
        `（${schedule.baselineDate}），现有 ${n(schedule.current)}`,
    );
    doc.moveDown(0.2);
    w.table(
      [
        { header: '年度', width: 60 },
        { header: '计划新增', width: 80, align: 'right' },
        { header: '计划累计', width: 80, align: 'right' },
        { header: '尚缺', width: 80, align: 'right' },
      ],
      schedule.years.map((year) => [String(year.year), n(year.added), n(year.planned), n(year.toAdd)]),
    );
  }

  w.heading('四、设施配建标准');
  const standardRows = report.standards.flatMap((region) =>
    region.checks.map((check) => [
      region.name,
      `${MEASURE_LABELS[check.measure]} · ${AREA_TYPE_LABELS[check.areaType]}`,
      `≥ ${n(check.minimum)}${check.siteMinimum === null ? '' : `（每处≥${n(check.siteMinimum)}㎡）`}`,
      n(check.value),
      n(check.shortfall),
      status(check.status, STANDARD_STATUS_LABELS),
      check.note ? NOTE_LABELS[check.note] : '',
    ]),
  );
  if (standardRows.length > 0) {
    w.table(
      [
        { header: '地区', width: 60 },
        { header: '标准', width: 160 },
        { header: '要求', width: 70 },
        { header: '现状', width: 50, align: 'right' },
        { header: '缺口', width: 50, align: 'right' },
        { header: '结论', width: 45 },
        { header: '说明', width: 90 },
      ],
      standardRows,
    );
  } else w.paragraph('本地区未设定设施配建标准。');

  w.heading('五、重点任务进展');
  if (report.tasks.length > 0) {
    w.table(
      [
        { header: '序号', width: 28 },
        { header: '任务', width: 170 },
        { header: '牵头单位', width: 100 },
        { header: '完成时限', width: 55 },
        { header: '最新进展', width: 160 },
      ],
      report.tasks.map((task) => [
        String(task.number),
        task.title,
        task.leadDepartments.join('、') || '—',
        task.deadline ?? '—',
        task.latest
          ? `${task.latest.reportedOn} ${TASK_STATUS_LABELS[task.latest.status] ?? task.latest.status}：${task.latest.report}`
          : '尚无报告',
      ]),
    );
  } else w.paragraph('本规划未列重点任务。');

  w.heading('六、下级地区');
  if (report.subRegions.length > 0) {
    w.table(
      [
        { header: '地区', width: 120 },
        ...(['met', 'on_track', 'at_risk', 'off_track', 'no_data'] as const).map((key) => ({
          header: STATUS_LABELS[key],
          width: 60,
          align: 'right' as const,
        })),
      ],
      report.subRegions.map((region) => [
        `${region.name}（${region.regionCode}）`,
        ...(['met', 'on_track', 'at_risk', 'off_track', 'no_data'] as const).map((key) => ({
          text: String(region.summary[key]),
          colour: STATUS_COLOURS[key],
        })),
      ]),
    );
  } else w.paragraph('无下级地区。');

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    // The footer sits in the bottom margin, where pdfkit would otherwise start a new page.
    doc.page.margins.bottom = 0;
    doc
      .fontSize(8)
      .fillColor('#888')
      .text(
        `${report.planName} · ${report.regionName} · ${report.date} · 第 ${i + 1} / ${range.count} 页`,
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
