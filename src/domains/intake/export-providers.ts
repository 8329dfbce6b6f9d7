// Excel exports of the provider lists (organisations; facilities with today's capacity), with the list routes' own
// filters and scope (src/domains/providers/list-queries.ts), streamed page by page and audited with their row count.
// Provider users export their own organisations' facilities through the same sheet.
import { z } from 'zod';
import type { Principal } from '../../server/access.ts';
import { actorOf, type AppDeps } from '../../server/app.ts';
import { fieldError, invalidInput } from '../../server/errors.ts';
import { ErrorResponses, RegionCode } from '../../server/schemas.ts';
import type { TypedApi } from '../../server/typed.ts';
import { chinaDate } from '../calendar/working-days.ts';
import {
  FACILITY_DOMAINS,
  FACILITY_TYPES,
  OPERATING_STATUSES,
  ORGANISATION_TYPES,
  OWNERSHIPS,
} from '../providers/facility-types.ts';
import {
  facilityListQuery,
  organisationListQuery,
  type FacilityListFilter,
} from '../providers/list-queries.ts';
import { facilityColumns } from '../providers/queries.ts';
import { assertReadsRegion, type Side } from '../providers/reach.ts';
import { exportAccess, exportingOrganisations } from './export-access.ts';
import { capacityCells, capacityFigureColumns, facilitiesOn } from './export-capacity.ts';
import { columnsOf, labeller, pageById, RecordId, sendXlsx, type ExportSheet } from './export.ts';
import { facilitiesKind } from './kinds/facilities.ts';
import { organisationsKind } from './kinds/organisations.ts';

const PAGE = 1000;

export function providerExportRoutes(api: TypedApi, deps: AppDeps): void {
  const organisationLabel = labeller(organisationsKind.columns);

  api.get(
    '/export/organisations.xlsx',
    {
      config: exportAccess('government', 'organisations'),
      schema: {
        tags: ['export'],
        summary: 'The organisations list (same filters as GET /api/organisations, all pages) as xlsx',
        querystring: z.object({
          region: RegionCode,
          ownership: z.enum(OWNERSHIPS).optional(),
          type: z.enum(ORGANISATION_TYPES).optional(),
          name: z.string().trim().min(1).max(100).optional(),
        }),
        response: { ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const filter = request.query;
      assertReadsRegion(request.principal!, filter.region);
      return sendXlsx(reply, deps.db, actorOf(request), {
        sheetName: organisationsKind.sheetName,
        fileName: `机构名单-${filter.region}.xlsx`,
        columns: [{ key: 'id', header: '系统编号' }, ...columnsOf(organisationsKind.columns)],
        async fill(tx, add) {
          await pageById(
            PAGE,
            (after) =>
              organisationListQuery(tx, filter)
                .selectAll()
                .where('id', '>', after)
                .orderBy('id')
                .limit(PAGE)
                .execute(),
            (rows) => {
              for (const row of rows) {
                add({
                  id: row.id,
                  uscc: row.uscc,
                  name: row.name,
                  regionCode: row.region_code,
                  organisationType: organisationLabel('organisationType', row.organisation_type),
                  ownership: organisationLabel('ownership', row.ownership),
                  legalPerson: row.legal_person,
                  contactName: row.contact_name,
                  contactPhone: row.contact_phone,
                  address: row.address,
                });
              }
            },
          );
          const { region, ...rest } = filter;
          return { entity: 'organisation', regionCode: region, detail: { filters: Object.keys(rest) } };
        },
      });
    },
  );

  api.get(
    '/export/facilities.xlsx',
    {
      config: exportAccess('government', 'facilities'),
      schema: {
        tags: ['export'],
        summary:
          "The facilities list (same filters as GET /api/facilities, all pages) with today's capacity, as xlsx",
        querystring: FacilityExportQuery,
        response: { ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const filter = request.query;
      const principal = request.principal!;
      if (!filter.region) {
        throw invalidInput([fieldError('query.region', '请指定行政区划', 'Name the region to list')]);
      }
      assertReadsRegion(principal, filter.region);
      return sendXlsx(
        reply,
        deps.db,
        actorOf(request),
        facilitiesSheet(principal, 'government', filter, chinaDate(deps.clock()), {
          regionCode: filter.region,
        }),
      );
    },
  );

  api.get(
    '/provider/export/facilities.xlsx',
    {
      config: exportAccess('provider', 'facilities'),
      schema: {
        tags: ['export'],
        summary:
          "One's own organisations' facilities (same filters as GET /api/provider/facilities) with today's " +
          'capacity, as xlsx',
        querystring: FacilityExportQuery,
        response: { ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const principal = request.principal!;
      const organisationIds = exportingOrganisations(principal, 'facilities');
      return sendXlsx(
        reply,
        deps.db,
        actorOf(request),
        facilitiesSheet(principal, 'provider', request.query, chinaDate(deps.clock()), {
          regionCode: null,
          organisationIds,
        }),
      );
    },
  );
}

const FacilityExportQuery = z.object({
  region: RegionCode.optional(),
  type: z.enum(FACILITY_TYPES).optional(),
  domain: z.enum(FACILITY_DOMAINS).optional(),
  ownership: z.enum(OWNERSHIPS).optional(),
  status: z.enum(OPERATING_STATUSES).optional(),
  organisationId: RecordId.optional(),
  name: z.string().trim().min(1).max(100).optional(),
});

/**
 * The facilities list as a sheet, for either side: government by the list's reach, a provider by its
 * organisations (only those it may export). Today's capacity sits beside each facility.
 */
function facilitiesSheet(
  principal: Principal,
  side: Side,
  filter: FacilityListFilter,
  date: string,
  scope: { regionCode: string | null; organisationIds?: number[] },
): ExportSheet {
  const facilityLabel = labeller(facilitiesKind.columns);
  return {
    sheetName: facilitiesKind.sheetName,
    fileName: side === 'government' ? `设施名单-${scope.regionCode}.xlsx` : '本机构设施名单.xlsx',
    columns: [
      { key: 'id', header: '系统编号' },
      { key: 'organisationName', header: '运营机构名称' },
      ...columnsOf(facilitiesKind.columns),
      { key: 'validFrom', header: `床位托位起始日期（${date}适用）` },
      ...capacityFigureColumns,
    ],
    async fill(tx, add) {
      await facilitiesOn(
        tx,
        date,
        (after, limit) => {
          // The list's reach names facility columns unqualified, so organisations are read beside it.
          let query = facilityListQuery(tx, principal, side, filter, date)
            .select(facilityColumns)
            .where('id', '>', after);
          if (scope.organisationIds) query = query.where('organisation_id', 'in', scope.organisationIds);
          return query.orderBy('id').limit(limit).execute();
        },
        (row, organisation, c) =>
          add({
            id: row.id,
            organisationName: organisation?.name,
            organisationUscc: organisation?.uscc,
            name: row.name,
            facilityType: facilityLabel('facilityType', row.facility_type),
            regionCode: row.region_code,
            ownership: facilityLabel('ownership', row.ownership),
            address: row.address,
            longitude: row.longitude,
            latitude: row.latitude,
            openedOn: row.opened_on,
            ...(c && capacityCells(c)),
          }),
      );
      const { region: _region, ...rest } = filter;
      return {
        entity: 'facility',
        regionCode: scope.regionCode,
        detail: {
          filters: Object.keys(rest),
          on: date,
          ...(scope.organisationIds && { organisationIds: scope.organisationIds }),
        },
      };
    },
  };
}
