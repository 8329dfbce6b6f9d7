import { sql } from 'kysely';
import { z } from 'zod';
import { inTransaction, type Tx } from '../../db/database.ts';
import type { Permission, Principal } from '../../server/access.ts';
import { actorOf, type AppDeps } from '../../server/app.ts';
import {
  AppError,
  fieldError,
  forbidden,
  invalidInput,
  notFound,
  type FieldError,
} from '../../server/errors.ts';
import { ErrorResponses } from '../../server/schemas.ts';
import type { TypedApi } from '../../server/typed.ts';
import { recordAudit } from '../audit/record.ts';
import { chinaDate } from '../calendar/working-days.ts';
import { findRegion } from '../regions/queries.ts';
import { facilityDomain } from './facility-types.ts';
import { facilityListQuery } from './list-queries.ts';
import { capacityOn, facilityColumns, findFacility, findOrganisation, type FacilityRow } from './queries.ts';
import {
  assertReadsRegion,
  canWriteDomain,
  chooseOrganisation,
  reachesFacility,
  SIDES,
  type Mode,
  type Side,
} from './reach.ts';
import { coordinateProblems, feeRangeProblems } from './rules.ts';
import {
  Facility,
  FacilityInput,
  FacilityListQuery,
  FacilityPatch,
  IdParams,
  type FacilityFieldsInput,
} from './schemas.ts';
import { facilityView } from './views.ts';

/**
 * The facility the principal reaches on this side, or 404 — a record it may not read is indistinguishable from an
 * absent one; 403 when it reads the facility but may not change it (a planning officer).
 */
export async function facilityInReach(
  tx: Tx,
  principal: Principal,
  side: Side,
  id: number,
  mode: Mode,
  options: { lock?: boolean; readPermission?: Permission } = {},
): Promise<FacilityRow> {
  const row = await findFacility(tx, id, options.lock);
  if (!row || !reachesFacility(principal, side, row, 'read', options.readPermission)) {
    throw notFound('Facility', '设施');
  }
  if (mode === 'write' && !reachesFacility(principal, side, row, 'write')) throw forbidden();
  return row;
}

/** The column values a create or patch input sets; fee ranges merge with the stored ones. */
function facilityChanges(input: FacilityFieldsInput) {
  const fees = input.fees;
  return Object.fromEntries(
    Object.entries({
      region_code: input.regionCode,
      name: input.name,
      facility_type: input.facilityType,
      ownership: input.ownership,
      address: input.address,
      longitude: input.longitude,
      latitude: input.latitude,
      opened_on: input.openedOn,
      special_roles: input.specialRoles,
      resident_types: input.residentTypes,
      service_modes: input.serviceModes,
      premises_tenure: input.premisesTenure,
      premises_lease_ends: input.premisesLeaseEnds,
      fire_safety: input.fireSafety,
      food_licence_number: input.foodLicenceNumber,
      liability_insurance: input.liabilityInsurance,
      ltc_insurance_designated: input.ltcInsuranceDesignated,
      video_surveillance: input.videoSurveillance,
      bed_fee_min: fees?.bed?.min,
      bed_fee_max: fees?.bed?.max,
      nursing_fee_min: fees?.nursing?.min,
      nursing_fee_max: fees?.nursing?.max,
      meal_fee_min: fees?.meal?.min,
      meal_fee_max: fees?.meal?.max,
      childcare_fee_min: fees?.childcare?.min,
      childcare_fee_max: fees?.childcare?.max,
      deposit_max: fees?.depositMax,
    }).filter(([, value]) => value !== undefined),
  ) as Partial<Omit<FacilityRow, 'id' | 'organisation_id' | 'domain'>>;
}

/** Problems of the facility as it would be stored (the stored row with the changes applied). */
function facilityProblems(row: Partial<FacilityRow>): FieldError[] {
  const problems = [
    ...coordinateProblems(row.longitude, row.latitude),
    ...feeRangeProblems([
      ['bed', row.bed_fee_min, row.bed_fee_max],
      ['nursing', row.nursing_fee_min, row.nursing_fee_max],
      ['meal', row.meal_fee_min, row.meal_fee_max],
      ['childcare', row.childcare_fee_min, row.childcare_fee_max],
    ]),
  ];
  if (row.premises_lease_ends && row.premises_tenure !== 'leased') {
    problems.push(
      fieldError(
        'body.premisesLeaseEnds',
        '仅租赁场地填写租期截止日',
        'Only leased premises have a lease end',
      ),
    );
  }
  return problems;
}

async function requireRegionExists(tx: Tx, code: string, path: string) {
  if (!(await findRegion(tx, code))) {
    throw invalidInput([fieldError(path, '行政区划代码不存在', 'No region has this code')]);
  }
}

export function facilityRoutes(api: TypedApi, deps: AppDeps): void {
  const today = () => chinaDate(deps.clock());

  for (const side of ['government', 'provider'] as const) {
    const { prefix, read, write } = SIDES[side];

    api.post(
      `${prefix}/facilities`,
      {
        config: { access: write },
        schema: {
          tags: ['providers'],
          summary:
            side === 'government'
              ? 'Register a facility of an organisation (its type decides the supervising department)'
              : "Register a facility of one's own organisation",
          body: FacilityInput,
          response: { 201: Facility, ...ErrorResponses },
        },
      },
      async (request, reply) => {
        const input = request.body;
        const principal = request.principal!;
        const row = await inTransaction(deps.db, async (tx) => {
          const organisationId = chooseOrganisation(principal, side, input.organisationId);
          const organisation = await findOrganisation(tx, organisationId);
          if (!organisation) {
            throw invalidInput([
              fieldError('body.organisationId', '机构不存在', 'No organisation has this id'),
            ]);
          }
          await requireRegionExists(tx, input.regionCode, 'body.regionCode');
          const domain = facilityDomain(input.facilityType);
          if (side === 'government' && !canWriteDomain(principal, input.regionCode, domain))
            throw forbidden();
          const ownership = input.ownership ?? organisation.ownership;
          if (!ownership) {
            throw invalidInput([
              fieldError('body.ownership', '请填写设施的举办性质', 'State the ownership of the facility'),
            ]);
          }
          const values = { ...facilityChanges(input), ownership };
          const problems = facilityProblems(values);
          if (problems.length > 0) throw invalidInput(problems);
          const created = await tx
            .insertInto('facility')
            .values({
              ...values,
              organisation_id: organisation.id,
              region_code: input.regionCode,
              name: input.name,
              facility_type: input.facilityType,
              address: input.address,
            })
            .returning(facilityColumns)
            .executeTakeFirstOrThrow();
          await recordAudit(tx, actorOf(request), {
            action: 'create',
            entity: 'facility',
            entityId: created.id,
            regionCode: created.region_code,
            detail: { organisationId: created.organisation_id, fields: Object.keys(input) },
          });
          return created;
        });
        return reply.status(201).send(facilityView(row, undefined));
      },
    );

    api.get(
      `${prefix}/facilities`,
      {
        config: { access: read },
        schema: {
          tags: ['providers'],
          summary:
            side === 'government'
              ? "Facilities in a region subtree that the caller's department supervises, with today's capacity"
              : "One's own organisations' facilities, with today's capacity",
          querystring: FacilityListQuery,
          response: {
            200: z.object({ facilities: z.array(Facility), total: z.number().int() }),
            ...ErrorResponses,
          },
        },
      },
      async (request) => {
        const { region, type, domain, ownership, status, organisationId, name, page, pageSize } =
          request.query;
        const principal = request.principal!;
        if (side === 'government') {
          if (!region) {
            throw invalidInput([fieldError('query.region', '请指定行政区划', 'Name the region to list')]);
          }
          assertReadsRegion(principal, region);
        }
        const date = today();
        const query = facilityListQuery(
          deps.db,
          principal,
          side,
          { region, type, domain, ownership, status, organisationId, name },
          date,
        );
        const [rows, count] = await Promise.all([
          query
            .select(facilityColumns)
            .orderBy('id')
            .limit(pageSize)
            .offset((page - 1) * pageSize)
            .execute(),
          query.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
        ]);
        const current = await capacityOn(
          deps.db,
          rows.map((row) => row.id),
          date,
        );
        return { facilities: rows.map((row) => facilityView(row, current.get(row.id))), total: count.total };
      },
    );

    api.get(
      `${prefix}/facilities/:id`,
      {
        config: { access: read },
        schema: {
          tags: ['providers'],
          summary: "One facility with today's capacity",
          params: IdParams,
          response: { 200: Facility, ...ErrorResponses },
        },
      },
      async (request) =>
        inTransaction(deps.db, async (tx) => {
          const row = await facilityInReach(tx, request.principal!, side, request.params.id, 'read');
          const current = await capacityOn(tx, [row.id], today());
          return facilityView(row, current.get(row.id));
        }),
    );

    api.patch(
      `${prefix}/facilities/:id`,
      {
        config: { access: write },
        schema: {
          tags: ['providers'],
          summary: "Change a facility's description (capacity is recorded as history instead)",
          params: IdParams,
          body: FacilityPatch,
          response: { 200: Facility, ...ErrorResponses },
        },
      },
      async (request) => {
        const patch = request.body;
        const principal = request.principal!;
        return inTransaction(deps.db, async (tx) => {
          const current = await facilityInReach(tx, principal, side, request.params.id, 'write', {
            lock: true,
          });
          if (patch.facilityType && facilityDomain(patch.facilityType) !== current.domain) {
            throw invalidInput([
              fieldError(
                'body.facilityType',
                '设施类型不能改为另一主管部门的类型',
                "A facility's type cannot move it to another department's domain",
              ),
            ]);
          }
          if (patch.regionCode !== undefined && patch.regionCode !== current.region_code) {
            await requireRegionExists(tx, patch.regionCode, 'body.regionCode');
            if (side === 'government' && !canWriteDomain(principal, patch.regionCode, current.domain)) {
              throw forbidden();
            }
          }
          const changes = facilityChanges(patch);
          const problems = facilityProblems({ ...current, ...changes });
          if (problems.length > 0) throw invalidInput(problems);
          let row = current;
          if (Object.keys(changes).length > 0) {
            row = await tx
              .updateTable('facility')
              .set({ ...changes, updated_at: sql`now()` })
              .where('id', '=', current.id)
              .returning(facilityColumns)
              .executeTakeFirstOrThrow();
            await recordAudit(tx, actorOf(request), {
              action: 'update',
              entity: 'facility',
              entityId: row.id,
              regionCode: row.region_code,
              detail: {
                fields: Object.keys(patch),
                ...(row.region_code !== current.region_code && { fromRegion: current.region_code }),
              },
            });
          }
          const capacity = await capacityOn(tx, [row.id], today());
          return facilityView(row, capacity.get(row.id));
        });
      },
    );

    api.delete(
      `${prefix}/facilities/:id`,
      {
        config: { access: write },
        schema: {
          tags: ['providers'],
          summary:
            'Remove a facility registered by mistake (one with capacity history or staff is closed instead)',
          params: IdParams,
          response: { 204: z.null(), ...ErrorResponses },
        },
      },
      async (request, reply) => {
        await inTransaction(deps.db, async (tx) => {
          const current = await facilityInReach(tx, request.principal!, side, request.params.id, 'write', {
            lock: true,
          });
          const history = await tx
            .selectFrom('facility_capacity')
            .select('id')
            .where('facility_id', '=', current.id)
            .limit(1)
            .executeTakeFirst();
          const staff = await tx
            .selectFrom('staff_member')
            .select('id')
            .where('facility_id', '=', current.id)
            .limit(1)
            .executeTakeFirst();
          const hasHistory = () =>
            new AppError(409, 'facility_has_history', {
              'zh-CN': '该设施已有床位/托位、人员或备案记录，请登记为“已关闭”而不是删除',
              'en-US': 'The facility has capacity history, staff or filings: record it as closed instead',
            });
          if (history || staff) throw hasHistory();
          await tx
            .deleteFrom('facility')
            .where('id', '=', current.id)
            .execute()
            .catch((error: unknown) => {
              // Other domains (filing) refer to facilities too; their rows keep the facility.
              if ((error as { code?: string }).code === '23503') throw hasHistory();
              throw error;
            });
          await recordAudit(tx, actorOf(request), {
            action: 'delete',
            entity: 'facility',
            entityId: current.id,
            regionCode: current.region_code,
          });
        });
        return reply.status(204).send(null);
      },
    );
  }
}
