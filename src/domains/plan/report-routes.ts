// The annual evaluation report of a plan as PDF and as Excel, both rendered from one read of the evaluation.
// Like every export, each download is audited with what it covered. The report speaks the reader's language: the
// console passes its UI locale; without one, the browser's Accept-Language decides, else the plans' zh-CN.
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { inTransaction } from '../../db/database.ts';
import type { Principal } from '../../server/access.ts';
import { actorOf, type AppDeps } from '../../server/app.ts';
import { ErrorResponses } from '../../server/schemas.ts';
import type { TypedApi } from '../../server/typed.ts';
import { recordAudit } from '../audit/record.ts';
import { chinaDate } from '../calendar/working-days.ts';
import { attachment } from '../intake/export.ts';
import { IdParams } from '../providers/schemas.ts';
import { PLAN_READ, PlanRegionQuery, readablePlanRegion, visibleDomains } from './read-access.ts';
import { buildPlanReport, type PlanReport } from './report-data.ts';
import { findReportFont, noReportFont } from './report-font.ts';
import { REPORT_LOCALES, reportLocale, reportWords, type ReportWords } from './report-labels.ts';
import { renderReportPdf } from './report-pdf.ts';
import { renderReportXlsx } from './report-xlsx.ts';

const FORMATS = {
  pdf: { type: 'application/pdf' },
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
} as const;
type Format = keyof typeof FORMATS;

const ReportQuery = PlanRegionQuery.extend({ locale: z.enum(REPORT_LOCALES).optional() });
type ReportQuery = z.infer<typeof ReportQuery>;

export function reportRoutes(api: TypedApi, deps: AppDeps): void {
  async function send(
    reply: FastifyReply,
    request: {
      principal?: Principal | null;
      params: { id: number };
      query: ReportQuery;
      headers: { 'accept-language'?: string };
    },
    actor: ReturnType<typeof actorOf>,
    format: Format,
    render: (report: PlanReport, words: ReportWords) => Promise<Buffer>,
  ) {
    const principal = request.principal!;
    const locale = reportLocale(request.query.locale, request.headers['accept-language']);
    const { report, file } = await inTransaction(deps.db, async (tx) => {
      const { plan, region, date } = await readablePlanRegion(
        tx,
        principal,
        request.params.id,
        request.query,
        chinaDate(deps.clock()),
      );
      const built = await buildPlanReport(tx, plan, region, date, visibleDomains(principal));
      const rendered = await render(built, reportWords(locale, built.englishNames));
      await recordAudit(tx, actor, {
        action: 'export',
        entity: 'plan_report',
        entityId: plan.id,
        regionCode: region.code,
        detail: { format, locale, date, indicators: built.indicators.length, bytes: rendered.length },
      });
      return { report: built, file: rendered };
    });
    return (
      reply
        .type(FORMATS[format].type)
        .header('content-language', locale)
        // Without a locale parameter the answer depends on Accept-Language; a cache must not hand it to another reader.
        .header('vary', 'Accept-Language')
        .header(
          'content-disposition',
          attachment(`${report.planName}-${report.regionName}-${report.date}-${locale}.${format}`),
        )
        .send(file)
    );
  }

  api.get(
    '/plans/:id/report.pdf',
    {
      config: { access: PLAN_READ },
      schema: {
        tags: ['plan'],
        summary:
          "The plan's annual evaluation report for a region and date as PDF (Chinese font embedded) in zh-CN or " +
          'en-US (locale, else Accept-Language); 503 when the server has no CJK font (LAOYOU_REPORT_FONT)',
        params: IdParams,
        querystring: ReportQuery,
        response: { ...ErrorResponses },
      },
    },
    async (request, reply) => {
      // Checked first: without a font there is nothing to audit and no reason to evaluate.
      const font = findReportFont();
      if (!font) throw noReportFont();
      return send(reply, request, actorOf(request), 'pdf', (report, words) =>
        renderReportPdf(report, font, words),
      );
    },
  );

  api.get(
    '/plans/:id/report.xlsx',
    {
      config: { access: PLAN_READ },
      schema: {
        tags: ['plan'],
        summary:
          "The plan's annual evaluation report for a region and date as an Excel workbook, a sheet per section, in " +
          'zh-CN or en-US (locale, else Accept-Language)',
        params: IdParams,
        querystring: ReportQuery,
        response: { ...ErrorResponses },
      },
    },
    async (request, reply) => send(reply, request, actorOf(request), 'xlsx', renderReportXlsx),
  );
}
