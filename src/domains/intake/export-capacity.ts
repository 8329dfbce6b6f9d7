// Excel exports of capacity (床位托位): a facility's periods (its history), a provider's periods of all its own
// facilities, and for government users every facility in scope with its capacity on a chosen date. Headed as the
// 床位托位 template, so a history reads back as an upload; streamed and audited with the row count.
import { sql } from 'kysely';
import { z } from 'zod';
import { inTransaction, type Tx } from '../../db/database.ts';
import type { Principal } from '../../server/access.ts';
import { actorOf, type AppDeps } from '../../server/app.ts';
import { forbidden } from '../../server/errors.ts';
import { ErrorResponses, RegionCode } from '../../server/schemas.ts';
import type { TypedApi } from '../../server/typed.ts';
import { chinaDate } from '../calendar/working-days.ts';
import { facilityInReach } from '../providers/facility-routes.ts';
import {
  FACILITY_DOMAINS,
  FACILITY_TYPES,
  OPERATING_STATUSES,
  OWNERSHIPS,
} from '../providers/facility-types.ts';
import { facilityListQuery } from '../providers/list-queries.ts';
import { capacityOn, type CapacityRow } from '../providers/queries.ts';
import { assertReadsRegion, readableDomains, SIDES } from '../providers/reach.ts';
import { IdParams, IsoDate } from '../providers/schemas.ts';
import { exportAccess, exportingOrganisations } from './export-access.ts';
import {
  columnsOf,
  labeller,
  organisationsOf,
  pageById,
  RecordId,
  sendXlsx,
  type ExportColumn,
} from './export.ts';
import { capacityKind } from './kinds/capacity.ts';
import { facilitiesKind } from './kinds/facilities.ts';

const PAGE = 1000;

const capacityLabel = labeller(capacityKind.columns);
const facilityLabel = labeller(facilitiesKind.columns);

/** The figures of a period, headed as in the 床位托位 template. */
const FIGURE_KEYS = [
  'operatingStatus',
  'bedsTotal',
  'bedsNursing',
  'bedsDementia',
  'bedsInclusive',
  'placesInfant',
  'placesYoungToddler',
  'placesOlderToddler',
  'placesMixed',
  'placesInclusive',
  'inclusive',
  'floorArea',
  'grade',
  'medicalIntegration',
] as const;

export const capacityFigureColumns: ExportColumn[] = columnsOf(capacityKind.columns, FIGURE_KEYS);

const header = (key: string) => capacityKind.columns.find((column) => column.key === key)!.header;

/** The day before an ISO date: a period's `[from, to)` ends on the day before `to`. */
export function dayBefore(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}

/** A period's figures as export cells, enumerations in Chinese as the template takes them. */
export function capacityCells(c: CapacityRow): Record<string, unknown> {
  return {
    validFrom: c.valid_from,
    lastDay: c.valid_to === null ? null : dayBefore(c.valid_to),
    operatingStatus: capacityLabel('operatingStatus', c.operating_status),
    bedsTotal: c.beds_total,
    bedsNursing: c.beds_nursing,
    bedsDementia: c.beds_dementia,
    bedsInclusive: c.beds_inclusive,
    placesInfant: c.places_infant,
    placesYoungToddler: c.places_young_toddler,
    placesOlderToddler: c.places_older_toddler,
    placesMixed: c.places_mixed,
    placesInclusive: c.places_inclusive,
    inclusive: c.inclusive ? '是' : '否',
    floorArea: c.floor_area === null ? null : Number(c.floor_area),
    grade: capacityLabel('grade', c.grade),
    medicalIntegration: capacityLabel('medicalIntegration', c.medical_integration),
    note: c.note,
  };
}

const PERIOD_COLUMNS: ExportColumn[] = [
  { key: 'organisationUscc', header: header('organisationUscc'), width: 22 },
  { key: 'facilityName', header: header('facilityName'), width: 30 },
  { key: 'validFrom', header: header('validFrom') },
  { key: 'lastDay', header: '截止日期（含当日；空为至今）' },
  ...capacityFigureColumns,
  { key: 'note', header: header('note'), width: 30 },
];

/** Every period of the given facilities (read a page after an id), facility by facility, oldest period first. */
function fillPeriods(
  tx: Tx,
  facilitiesAfter: (after: number) => Promise<{ id: number }[]>,
  add: (row: Record<string, unknown>) => void,
) {
  return pageById(PAGE, facilitiesAfter, async (facilities) => {
    const periods = await tx
      .selectFrom('facility_capacity as c')
      .innerJoin('facility as f', 'f.id', 'c.facility_id')
      .innerJoin('organisation as o', 'o.id', 'f.organisation_id')
      .select([
        'o.uscc',
        'f.name as facility_name',
        'c.id',
        'c.facility_id',
        sql<string>`lower(c.valid_during)`.as('valid_from'),
        sql<string | null>`upper(c.valid_during)`.as('valid_to'),
        'c.operating_status',
        'c.beds_total',
        'c.beds_nursing',
        'c.beds_dementia',
        'c.beds_inclusive',
        'c.places_infant',
        'c.places_young_toddler',
        'c.places_older_toddler',
        'c.places_mixed',
        'c.places_inclusive',
        'c.inclusive',
        'c.floor_area',
        'c.grade',
        'c.medical_integration',
        'c.note',
        'c.recorded_at',
      ])
      .where(
        'c.facility_id',
        'in',
        facilities.map((f) => f.id),
      )
      .orderBy('c.facility_id')
      .orderBy(sql`lower(c.valid_during)`)
      .execute();
    for (const period of periods) {
      add({ organisationUscc: period.uscc, facilityName: period.facility_name, ...capacityCells(period) });
    }
  });
}

/**
 * Facilities page by page (`read` answers at most `limit` of them after an id), each handed to `take` with its organisation and its
 * capacity period on `date` (none when it has no period then).
 */
export function facilitiesOn<R extends { id: number; organisation_id: number }>(
  tx: Tx,
  date: string,
  read: (after: number, limit: number) => Promise<R[]>,
  take: (
    facility: R,
    organisation: { uscc: string; name: string } | undefined,
    period: CapacityRow | undefined,
  ) => void,
): Promise<void> {
  return pageById(
    PAGE,
    (after) => read(after, PAGE),
    async (facilities) => {
      const organisations = await organisationsOf(tx, facilities);
      const capacity = await capacityOn(
        tx,
        facilities.map((f) => f.id),
        date,
      );
      for (const facility of facilities) {
        take(facility, organisations.get(facility.organisation_id), capacity.get(facility.id));
      }
    },
  );
}

/** The facilities of a provider's exportable organisations, one page after an id. */
function ownFacilities(tx: Tx, principal: Principal, facilityId: number | undefined) {
  const organisations = exportingOrganisations(principal, 'capacity');
  return async (after: number) => {
    let query = tx
      .selectFrom('facility')
      .select('id')
      .where('organisation_id', 'in', organisations)
      .where('id', '>', after);
    if (facilityId !== undefined) query = query.where('id', '=', facilityId);
    return query.orderBy('id').limit(PAGE).execute();
  };
}

export function capacityExportRoutes(api: TypedApi, deps: AppDeps): void {
  for (const side of ['government', 'provider'] as const) {
    api.get(
      `${SIDES[side].prefix}/export/facilities/:id/capacity-history.xlsx`,
      {
        config: exportAccess(side, 'capacity'),
        schema: {
          tags: ['export'],
          summary:
            "A facility's capacity periods (its history, oldest first) as xlsx, headed as the template",
          params: IdParams,
          response: { ...ErrorResponses },
        },
      },
      async (request, reply) => {
        const principal = request.principal!;
        // Checked before the workbook starts streaming, so a refusal is a clean 404/403 rather than a cut file.
        const facility = await inTransaction(deps.db, (tx) =>
          facilityInReach(tx, principal, side, request.params.id, 'read'),
        );
        if (
          side === 'provider' &&
          !exportingOrganisations(principal, 'capacity').includes(facility.organisation_id)
        ) {
          throw forbidden();
        }
        return sendXlsx(reply, deps.db, actorOf(request), {
          sheetName: capacityKind.sheetName,
          fileName: `床位托位历史-${facility.name}.xlsx`,
          columns: PERIOD_COLUMNS,
          async fill(tx, add) {
            await fillPeriods(tx, async (after) => (after < facility.id ? [facility] : []), add);
            return {
              entity: 'facility_capacity',
              entityId: facility.id,
              regionCode: facility.region_code,
              detail: { facilityId: facility.id, history: true },
            };
          },
        });
      },
    );
  }

  api.get(
    '/provider/export/capacity.xlsx',
    {
      config: exportAccess('provider', 'capacity'),
      schema: {
        tags: ['export'],
        summary: "The capacity periods of all one's own facilities (or one of them) as xlsx",
        querystring: z.object({ facilityId: RecordId.optional() }),
        response: { ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const principal = request.principal!;
      const organisationIds = exportingOrganisations(principal, 'capacity');
      const { facilityId } = request.query;
      return sendXlsx(reply, deps.db, actorOf(request), {
        sheetName: capacityKind.sheetName,
        fileName: '床位托位历史.xlsx',
        columns: PERIOD_COLUMNS,
        async fill(tx, add) {
          await fillPeriods(tx, ownFacilities(tx, principal, facilityId), add);
          return {
            entity: 'facility_capacity',
            regionCode: null,
            detail: { organisationIds, history: true, ...(facilityId && { facilityId }) },
          };
        },
      });
    },
  );

  api.get(
    '/export/capacity.xlsx',
    {
      config: exportAccess('government', 'capacity'),
      schema: {
        tags: ['export'],
        summary:
          "Every facility in a region subtree (the caller's department's domains) with its capacity on a date " +
          '(default today), as xlsx; facilities without a period on that date are left out, as in the totals',
        querystring: z.object({
          region: RegionCode,
          asOf: IsoDate.optional(),
          domain: z.enum(FACILITY_DOMAINS).optional(),
          type: z.enum(FACILITY_TYPES).optional(),
          ownership: z.enum(OWNERSHIPS).optional(),
          status: z.enum(OPERATING_STATUSES).optional(),
          organisationId: RecordId.optional(),
        }),
        response: { ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const { asOf, ...filter } = request.query;
      const principal = request.principal!;
      assertReadsRegion(principal, filter.region);
      if (readableDomains(principal, filter.region).length === 0) throw forbidden();
      const date = asOf ?? chinaDate(deps.clock());
      return sendXlsx(reply, deps.db, actorOf(request), {
        sheetName: capacityKind.sheetName,
        fileName: `床位托位-${filter.region}-${date}.xlsx`,
        columns: [
          { key: 'id', header: '设施系统编号' },
          { key: 'organisationUscc', header: header('organisationUscc'), width: 22 },
          { key: 'organisationName', header: '运营机构名称', width: 30 },
          { key: 'facilityName', header: header('facilityName'), width: 30 },
          { key: 'facilityType', header: '设施类型' },
          { key: 'regionCode', header: '所在区划代码' },
          { key: 'ownership', header: '运营性质' },
          { key: 'validFrom', header: `本期起始日期（${date}适用）` },
          { key: 'lastDay', header: '本期截止日期（含当日；空为至今）' },
          ...capacityFigureColumns,
        ],
        async fill(tx, add) {
          await facilitiesOn(
            tx,
            date,
            (after, limit) =>
              facilityListQuery(tx, principal, 'government', filter, date)
                .select(['id', 'organisation_id', 'name', 'facility_type', 'region_code', 'ownership'])
                .where((eb) =>
                  eb.exists(
                    eb
                      .selectFrom('facility_capacity as c')
                      .select(sql`1`.as('one'))
                      .whereRef('c.facility_id', '=', 'facility.id')
                      .where(sql<boolean>`c.valid_during @> ${date}::date`),
                  ),
                )
                .where('id', '>', after)
                .orderBy('id')
                .limit(limit)
                .execute(),
            (facility, organisation, period) =>
              add({
                id: facility.id,
                organisationUscc: organisation?.uscc,
                organisationName: organisation?.name,
                facilityName: facility.name,
                facilityType: facilityLabel('facilityType', facility.facility_type),
                regionCode: facility.region_code,
                ownership: facilityLabel('ownership', facility.ownership),
                ...(period && capacityCells(period)),
              }),
          );
          const { region, ...rest } = filter;
          return {
            entity: 'facility_capacity',
            regionCode: region,
            detail: { asOf: date, filters: Object.keys(rest) },
          };
        },
      });
    },
  );
}
