// Excel export of the staff list: the list's filters and scope (src/domains/staff/list-query.ts), ID numbers always
// masked, certificates in force and missing childcare checks beside each member, streamed and audited. Provider
// users export their own organisations' staff through the same sheet.
import { z } from 'zod';
import type { Principal } from '../../server/access.ts';
import { actorOf, type AppDeps } from '../../server/app.ts';
import { ErrorResponses, RegionCode } from '../../server/schemas.ts';
import type { TypedApi } from '../../server/typed.ts';
import { chinaDate } from '../calendar/working-days.ts';
import { FACILITY_DOMAINS } from '../providers/facility-types.ts';
import { assertReadsRegion, type Side } from '../providers/reach.ts';
import { IsoDate } from '../providers/schemas.ts';
import { staffListQuery, type StaffListFilter } from '../staff/list-query.ts';
import { STAFF_ROLES } from '../staff/staff-types.ts';
import { staffColumns, staffViews } from '../staff/views.ts';
import { exportAccess, exportingOrganisations } from './export-access.ts';
import { labeller, organisationsOf, pageById, RecordId, sendXlsx, type ExportSheet } from './export.ts';
import { staffKind } from './kinds/staff.ts';

const PAGE = 1000;

const label = labeller(staffKind.columns);
const CHECK_LABELS: Record<string, string> = {
  health_certificate: '健康证明',
  no_abuse_record: '无虐童等违法记录查询',
};

export function staffExportRoutes(api: TypedApi, deps: AppDeps): void {
  api.get(
    '/export/staff.xlsx',
    {
      config: exportAccess('government', 'staff'),
      schema: {
        tags: ['export'],
        summary: 'The staff list (same filters as GET /api/staff, all pages) as xlsx, ID numbers masked',
        querystring: StaffExportQuery.extend({ region: RegionCode }),
        response: { ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const filter = request.query;
      const principal = request.principal!;
      assertReadsRegion(principal, filter.region, 'staff.read');
      return sendXlsx(
        reply,
        deps.db,
        actorOf(request),
        staffSheet(principal, 'government', filter, { regionCode: filter.region }),
      );
    },
  );

  api.get(
    '/provider/export/staff.xlsx',
    {
      config: exportAccess('provider', 'staff'),
      schema: {
        tags: ['export'],
        summary:
          "One's own organisations' staff (same filters as GET /api/provider/staff, all pages) as xlsx, ID " +
          'numbers masked',
        querystring: StaffExportQuery,
        response: { ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const principal = request.principal!;
      const organisationIds = exportingOrganisations(principal, 'staff');
      return sendXlsx(
        reply,
        deps.db,
        actorOf(request),
        staffSheet(principal, 'provider', request.query, { regionCode: null, organisationIds }),
      );
    },
  );

  /**
   * The staff list as a sheet for either side: government by the list's reach, a provider by the organisations it
   * may export. ID numbers are always masked: no role needs a staff member's full number in a spreadsheet.
   */
  function staffSheet(
    principal: Principal,
    side: Side,
    filter: StaffListFilter,
    scope: { regionCode: string | null; organisationIds?: number[] },
  ): ExportSheet {
    const today = chinaDate(deps.clock());
    return {
      sheetName: staffKind.sheetName,
      fileName: side === 'government' ? `从业人员名单-${scope.regionCode}.xlsx` : '本机构从业人员名单.xlsx',
      columns: [
        { key: 'id', header: '系统编号' },
        { key: 'organisationUscc', header: '所在机构统一社会信用代码' },
        { key: 'organisationName', header: '所在机构名称' },
        { key: 'facilityName', header: '所在设施名称' },
        { key: 'name', header: '姓名' },
        { key: 'idNumber', header: '身份证号码（脱敏）', width: 22 },
        { key: 'role', header: '岗位' },
        { key: 'domain', header: '服务领域' },
        { key: 'employedFrom', header: '入职日期' },
        { key: 'employedTo', header: '离职日期' },
        { key: 'certificates', header: `有效证书（${today}）`, width: 40 },
        { key: 'missing', header: '缺少的入职核查', width: 30 },
      ],
      async fill(tx, add) {
        await pageById(
          PAGE,
          (after) => {
            let query = staffListQuery(tx, principal, side, filter)
              .select(staffColumns)
              .where('id', '>', after);
            if (scope.organisationIds) query = query.where('organisation_id', 'in', scope.organisationIds);
            return query.orderBy('id').limit(PAGE).execute();
          },
          async (rows) => {
            const organisations = await organisationsOf(tx, rows);
            const facilityIds = [...new Set(rows.flatMap((row) => row.facility_id ?? []))];
            const facilities = new Map(
              facilityIds.length === 0
                ? []
                : (
                    await tx
                      .selectFrom('facility')
                      .select(['id', 'name'])
                      .where('id', 'in', facilityIds)
                      .execute()
                  ).map((f) => [f.id, f.name]),
            );
            for (const view of await staffViews(tx, deps.keys, rows, today)) {
              const organisation = organisations.get(view.organisationId);
              add({
                id: view.id,
                organisationUscc: organisation?.uscc,
                organisationName: organisation?.name,
                facilityName: view.facilityId === null ? null : facilities.get(view.facilityId),
                name: view.name,
                idNumber: view.idNumberMasked,
                role: label('role', view.role),
                domain: label('domain', view.domain),
                employedFrom: view.employedFrom,
                employedTo: view.employedTo,
                certificates: view.certificates
                  .filter((c) => c.inForce)
                  .map((c) => `${label('certificateType', c.certificateType)} ${c.number}`)
                  .join('；'),
                missing: view.checksMissing.map((kind) => CHECK_LABELS[kind] ?? kind).join('；'),
              });
            }
          },
        );
        const { region: _region, ...rest } = filter;
        // Which filters were used; the members exported are counted, not named.
        return {
          entity: 'staff_member',
          regionCode: scope.regionCode,
          detail: {
            filters: Object.keys(rest),
            ...(scope.organisationIds && { organisationIds: scope.organisationIds }),
          },
        };
      },
    };
  }
}

const StaffExportQuery = z.object({
  region: RegionCode.optional(),
  organisationId: RecordId.optional(),
  facilityId: RecordId.optional(),
  role: z.enum(STAFF_ROLES).optional(),
  domain: z.enum(FACILITY_DOMAINS).optional(),
  employedOn: IsoDate.optional(),
});
