// The annual evaluation report of a plan as PDF and as Excel, both rendered from one read of the evaluation.
// Like every export, each download is audited with what it covered.
import type { FastifyReply } from 'fastify';
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
import { renderReportPdf } from './report-pdf.ts';
import { renderReportXlsx } from './report-xlsx.ts';

const FORMATS = {
  pdf: { type: 'application/pdf' },
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
} as const;
type Format = keyof typeof FORMATS;

export function reportRoutes(api: TypedApi, deps: AppDeps): void {
  async function send(
    reply: FastifyReply,
    request: { principal?: Principal | null; params: { id: number }; query: PlanRegionQuery },
    actor: ReturnType<typeof actorOf>,
    format: Format,
    render: (report: PlanReport) => Promise<Buffer>,
  ) {
    const principal = request.principal!;
    const { report, file } = await inTransaction(deps.db, async (tx) => {
      const { plan, region, date } = await readablePlanRegion(
        tx,
        principal,
        request.params.id,
        request.query,
        chinaDate(deps.clock()),
      );
      const built = await buildPlanReport(tx, plan, region, date, visibleDomains(principal));
      const rendered = await render(built);
      await recordAudit(tx, actor, {
        action: 'export',
        entity: 'plan_report',
        entityId: plan.id,
        regionCode: region.code,
        detail: { format, date, indicators: built.indicators.length, bytes: rendered.length },
      });
      return { report: built, file: rendered };
    });
    return reply
      .type(FORMATS[format].type)
      .header(
        'content-disposition',
        attachment(`${report.planName}-${report.regionName}-${report.date}.${format}`),
      )
      .send(file);
  }

  api.get(
    '/plans/:id/report.pdf',
    {
      config: { access: PLAN_READ },
      schema: {
        tags: ['plan'],
        summary:
          "The plan's annual evaluation report for a region and date as PDF (Chinese font embedded); 503 when the " +
          'server has no CJK font (LAOYOU_REPORT_FONT)',
        params: IdParams,
        querystring: PlanRegionQuery,
        response: { ...ErrorResponses },
      },
    },
    async (request, reply) => {
      // Checked first: without a font there is nothing to audit and no reason to evaluate.
      const font = findReportFont();
      if (!font) throw noReportFont();
      return send(reply, request, actorOf(request), 'pdf', (report) => renderReportPdf(report, font));
    },
  );

  api.get(
    '/plans/:id/report.xlsx',
    {
      config: { access: PLAN_READ },
      schema: {
        tags: ['plan'],
        summary:
          "The plan's annual evaluation report for a region and date as an Excel workbook, a sheet per section",
        params: IdParams,
        querystring: PlanRegionQuery,
        response: { ...ErrorResponses },
      },
    },
    async (request, reply) => send(reply, request, actorOf(request), 'xlsx', renderReportXlsx),
  );
}
