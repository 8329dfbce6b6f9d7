// Excel export of the reviewer's filing inbox: the inbox's filters and reach (src/domains/filing/inbox-query.ts),
// each filing with its legal deadlines, streamed page by page and audited with its row count. Providers export their
// own organisations' filings with the same columns.
import { z } from 'zod';
import type { Tx } from '../../db/database.ts';
import { assertInScope } from '../../server/access.ts';
import { actorOf, type AppDeps } from '../../server/app.ts';
import { ErrorResponses, RegionCode } from '../../server/schemas.ts';
import type { TypedApi } from '../../server/typed.ts';
import { inboxQuery } from '../filing/inbox-query.ts';
import { eventsOf, filingsWithFacility, type FilingRow } from '../filing/queries.ts';
import { Domain, Status, summaryView } from '../filing/views.ts';
import { deadlineContext, deadlinesOf } from '../filing/workflow.ts';
import { exportAccess, exportingOrganisations } from './export-access.ts';
import { sendXlsx, type ExportColumn } from './export.ts';
import { FACILITY_TYPE_OPTIONS } from './kinds/facilities.ts';

const PAGE = 500;

const STATUS_LABELS: Record<string, string> = {
  submitted: '已提交',
  received: '已接收',
  correction_requested: '待补正',
  approved: '已备案',
  rejected: '不予备案',
  withdrawn: '已撤回',
};
const KIND_LABELS: Record<string, string> = {
  initial: '首次备案',
  change: '变更备案',
  deregistration: '注销备案',
};
const STEP_LABELS: Record<string, string> = {
  receipt: '出具备案回执',
  non_compliance_notice: '告知不符合要求',
  filing_due_after_first_admission: '收住首位老人后备案',
};
const TYPE_LABELS = new Map(FACILITY_TYPE_OPTIONS.map((option) => [option.value, option.label]));

const FILING_COLUMNS: ExportColumn[] = [
  { key: 'id', header: '备案编号（系统）' },
  { key: 'regionCode', header: '所在区划代码' },
  { key: 'facility', header: '设施名称', width: 30 },
  { key: 'type', header: '设施类型' },
  { key: 'kind', header: '备案类型' },
  { key: 'status', header: '状态' },
  { key: 'submittedAt', header: '提交时间', width: 22 },
  { key: 'receivedAt', header: '接收时间', width: 22 },
  { key: 'deadline', header: '办理时限', width: 40 },
  { key: 'overdue', header: '是否超期' },
];

function filingCells(view: ReturnType<typeof summaryView>): Record<string, unknown> {
  return {
    id: view.id,
    regionCode: view.regionCode,
    facility: view.facility.name,
    type: TYPE_LABELS.get(view.facility.type) ?? view.facility.type,
    kind: KIND_LABELS[view.kind] ?? view.kind,
    status: STATUS_LABELS[view.status] ?? view.status,
    submittedAt: view.submittedAt,
    receivedAt: view.receivedAt,
    deadline: view.deadlines
      .filter((d) => d.state === 'pending' || d.state === 'overdue')
      .map((d) => `${STEP_LABELS[d.step] ?? d.step}：${d.dueOn}前`)
      .join('；'),
    overdue: view.overdue ? '是' : '否',
  };
}

/** The filings `page` reads (a page from an offset), each with its legal deadlines, as the side sees them. */
async function fillFilings(
  tx: Tx,
  now: Date,
  side: 'provider' | 'reviewer',
  add: (row: Record<string, unknown>) => void,
  page: (offset: number) => Promise<FilingRow[]>,
): Promise<void> {
  const context = await deadlineContext(tx, now);
  for (let offset = 0; ; offset += PAGE) {
    const rows = await page(offset);
    const events = await eventsOf(
      tx,
      rows.map((row) => row.id),
    );
    for (const row of rows) {
      add(filingCells(summaryView(row, deadlinesOf(row, events.get(row.id)!, context), side)));
    }
    if (rows.length < PAGE) break;
  }
}

export function filingExportRoutes(api: TypedApi, deps: AppDeps): void {
  api.get(
    '/export/filings.xlsx',
    {
      config: exportAccess('government', 'filings'),
      schema: {
        tags: ['export'],
        summary: 'The filing inbox (same filters as GET /api/filings, all pages) with deadlines, as xlsx',
        querystring: z.object({
          region: RegionCode,
          status: Status.exclude(['draft']).optional(),
          domain: Domain.optional(),
        }),
        response: { ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const filter = request.query;
      const principal = request.principal!;
      assertInScope(principal, 'filing.review', filter.region);
      return sendXlsx(reply, deps.db, actorOf(request), {
        sheetName: '备案待办',
        fileName: `备案待办-${filter.region}.xlsx`,
        columns: FILING_COLUMNS,
        async fill(tx, add) {
          await fillFilings(tx, deps.clock(), 'reviewer', add, (offset) =>
            inboxQuery(tx, principal, filter).limit(PAGE).offset(offset).execute(),
          );
          const { region, ...rest } = filter;
          return { entity: 'filing', regionCode: region, detail: { filters: Object.keys(rest) } };
        },
      });
    },
  );

  api.get(
    '/provider/export/filings.xlsx',
    {
      config: exportAccess('provider', 'filings'),
      schema: {
        tags: ['export'],
        summary:
          "One's own organisations' filings (same filter as GET /api/provider/filings, all pages) with deadlines, " +
          'as xlsx',
        querystring: z.object({ status: Status.optional() }),
        response: { ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const { status } = request.query;
      const organisationIds = exportingOrganisations(request.principal!, 'filings');
      return sendXlsx(reply, deps.db, actorOf(request), {
        sheetName: '备案记录',
        fileName: '本机构备案记录.xlsx',
        columns: FILING_COLUMNS,
        async fill(tx, add) {
          await fillFilings(tx, deps.clock(), 'provider', add, (offset) => {
            let query = filingsWithFacility(tx).where('filing.organisation_id', 'in', organisationIds);
            if (status) query = query.where('filing.status', '=', status);
            return query.orderBy('filing.id', 'desc').limit(PAGE).offset(offset).execute();
          });
          return {
            entity: 'filing',
            regionCode: null,
            detail: { organisationIds, filters: status ? ['status'] : [] },
          };
        },
      });
    },
  );
}
