import { sql } from 'kysely';
import { z } from 'zod';
import { inTransaction, type Tx } from '../../db/database.ts';
import type { Principal, RouteAccess } from '../../server/access.ts';
import { actorOf, type AppDeps } from '../../server/app.ts';
import { fieldError, invalidInput, notFound } from '../../server/errors.ts';
import { ErrorResponses, RegionCode } from '../../server/schemas.ts';
import type { TypedApi } from '../../server/typed.ts';
import { recordAudit } from '../audit/record.ts';
import { chinaDate } from '../calendar/working-days.ts';
import { requireValidIdNumber, sealIdNumber } from '../people/id-number-field.ts';
import { findFacility, findOrganisation } from '../providers/queries.ts';
import {
  assertReadsRegion,
  chooseOrganisation,
  GOVERNMENT,
  reachesFacility,
  readableDomains,
  SIDES,
  type Mode,
  type Side,
} from '../providers/reach.ts';
import { IdParams, IsoDate } from '../providers/schemas.ts';
import { auditedFieldHistory, recordFieldChanges } from '../audit/field-history.ts';
import { staffChanges, StaffHistory } from './history.ts';
import type { StaffHistoryField } from './tables.ts';
import { staffListQuery } from './list-query.ts';
import { certifiedCarers, certifiedStaffRate, socialWorkers } from './queries.ts';
import { staffDomain } from './rules.ts';
import {
  BackgroundCheckInput,
  CertificateInput,
  StaffInput,
  StaffListQuery,
  StaffMember,
  StaffPatch,
} from './schemas.ts';
import { findStaffMember, staffColumns, staffViews, type StaffRow } from './views.ts';

/** Staff records are personal data: government reads need staff.read, and every read is audited. */
const READ: Record<Side, RouteAccess> = {
  government: { principals: GOVERNMENT, permission: 'staff.read' },
  provider: SIDES.provider.read,
};

const Rate = z.object({ staff: z.number().int(), certified: z.number().int(), rate: z.number().nullable() });
const Indicators = z.object({
  regionCode: z.string(),
  asOf: z.string(),
  elderlyCare: Rate.extend({ certifiedCarers: z.number().int(), socialWorkers: z.number().int() }).nullable(),
  childcare: Rate.nullable(),
});

/** The staff member the principal reaches, or 404: another organisation's or district's staff do not exist for it. */
async function staffInReach(
  tx: Tx,
  principal: Principal,
  side: Side,
  id: number,
  mode: Mode,
): Promise<StaffRow> {
  const row = await findStaffMember(tx, id);
  if (!row || !reachesFacility(principal, side, row, mode, 'staff.read'))
    throw notFound('Staff member', '工作人员');
  return row;
}

/** Where a member works: a facility of their organisation (whose region and domain they take), or none. */
async function placeOfWork(tx: Tx, organisationId: number, facilityId: number | null) {
  if (facilityId === null) {
    const organisation = await findOrganisation(tx, organisationId);
    return { regionCode: organisation!.region_code, facilityDomain: null };
  }
  const facility = await findFacility(tx, facilityId);
  if (!facility || facility.organisation_id !== organisationId) {
    throw invalidInput([
      fieldError('body.facilityId', '该设施不属于本机构', 'No facility of this organisation has this id'),
    ]);
  }
  return { regionCode: facility.region_code, facilityDomain: facility.domain };
}

function requireOrderedDates(from: string, to: string | null | undefined, path: string) {
  if (to !== null && to !== undefined && to < from) {
    throw invalidInput([
      fieldError(path, '结束日期不能早于开始日期', 'The end cannot come before the start'),
    ]);
  }
}

export function staffRoutes(api: TypedApi, deps: AppDeps): void {
  const today = () => chinaDate(deps.clock());
  const own = SIDES.provider;

  for (const side of ['government', 'provider'] as const) {
    const prefix = SIDES[side].prefix;

    api.get(
      `${prefix}/staff`,
      {
        config: { access: READ[side] },
        schema: {
          tags: ['staff'],
          summary:
            side === 'government'
              ? "Staff in a region subtree of the caller's department, ID numbers masked (audited)"
              : "One's own organisations' staff, ID numbers masked (audited)",
          querystring: StaffListQuery,
          response: {
            200: z.object({ staff: z.array(StaffMember), total: z.number().int() }),
            ...ErrorResponses,
          },
        },
      },
      async (request) => {
        const { region, organisationId, facilityId, role, domain, employedOn, page, pageSize } =
          request.query;
        const principal = request.principal!;
        if (side === 'government') {
          if (!region)
            throw invalidInput([fieldError('query.region', '请指定行政区划', 'Name the region to list')]);
          assertReadsRegion(principal, region, 'staff.read');
        }
        return inTransaction(deps.db, async (tx) => {
          const query = staffListQuery(tx, principal, side, {
            region,
            organisationId,
            facilityId,
            role,
            domain,
            employedOn,
          });
          const rows = await query
            .select(staffColumns)
            .orderBy('id')
            .limit(pageSize)
            .offset((page - 1) * pageSize)
            .execute();
          const { total } = await query
            .select(sql<number>`count(*)::int`.as('total'))
            .executeTakeFirstOrThrow();
          if (rows.length > 0) {
            await recordAudit(tx, actorOf(request), {
              action: 'read',
              entity: 'staff_member',
              regionCode: region ?? null,
              detail: { list: true, staffIds: rows.map((row) => row.id) },
            });
          }
          return { staff: await staffViews(tx, deps.keys, rows, today()), total };
        });
      },
    );

    api.get(
      `${prefix}/staff/:id`,
      {
        config: { access: READ[side] },
        schema: {
          tags: ['staff'],
          summary: 'One staff member with certificates and checks, ID number masked (audited)',
          params: IdParams,
          response: { 200: StaffMember, ...ErrorResponses },
        },
      },
      async (request) =>
        inTransaction(deps.db, async (tx) => {
          const row = await staffInReach(tx, request.principal!, side, request.params.id, 'read');
          await recordAudit(tx, actorOf(request), {
            action: 'read',
            entity: 'staff_member',
            entityId: row.id,
            regionCode: row.region_code,
          });
          return (await staffViews(tx, deps.keys, [row], today()))[0];
        }),
    );

    api.get(
      `${prefix}/staff/:id/history`,
      {
        config: { access: READ[side] },
        schema: {
          tags: ['staff'],
          summary:
            "The history of a staff member's fields, newest first: who changed which field when, from what to " +
            'what (the ID number never changes by an edit, so no value is an ID number); the read is audited',
          params: IdParams,
          response: { 200: StaffHistory, ...ErrorResponses },
        },
      },
      async (request) =>
        auditedFieldHistory<StaffHistoryField>(deps.db, actorOf(request), 'staff_change', (tx) =>
          staffInReach(tx, request.principal!, side, request.params.id, 'read'),
        ),
    );
  }

  api.get(
    '/staff/indicators',
    {
      config: { access: SIDES.government.read },
      schema: {
        tags: ['staff'],
        summary:
          "Certified-staff rate, certified carers and social workers in a region subtree on a date, for the caller's departments",
        querystring: z.object({ region: RegionCode, asOf: IsoDate.optional() }),
        response: { 200: Indicators, ...ErrorResponses },
      },
    },
    async (request) => {
      const { region } = request.query;
      const principal = request.principal!;
      assertReadsRegion(principal, region);
      const domains = readableDomains(principal, region);
      const asOf = request.query.asOf ?? today();
      const [elderly, carers, workers, childcare] = await Promise.all([
        domains.includes('elderly_care') ? certifiedStaffRate(deps.db, region, asOf, 'elderly_care') : null,
        domains.includes('elderly_care') ? certifiedCarers(deps.db, region, asOf) : 0,
        domains.includes('elderly_care') ? socialWorkers(deps.db, region, asOf) : 0,
        domains.includes('childcare') ? certifiedStaffRate(deps.db, region, asOf, 'childcare') : null,
      ]);
      return {
        regionCode: region,
        asOf,
        elderlyCare: elderly && { ...elderly, certifiedCarers: carers, socialWorkers: workers },
        childcare,
      };
    },
  );

  api.post(
    `${own.prefix}/staff`,
    {
      config: { access: own.write },
      schema: {
        tags: ['staff'],
        summary: "Register a member of one's own organisation's staff (ID number optional, stored encrypted)",
        body: StaffInput,
        response: { 201: StaffMember, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const input = request.body;
      const principal = request.principal!;
      requireOrderedDates(input.employedFrom, input.employedTo, 'body.employedTo');
      const sealed = input.idNumber
        ? sealIdNumber(deps.keys, requireValidIdNumber(input.idNumber, 'body.idNumber', deps.clock()).value)
        : {};
      const view = await inTransaction(deps.db, async (tx) => {
        const organisationId = chooseOrganisation(principal, 'provider', input.organisationId);
        const place = await placeOfWork(tx, organisationId, input.facilityId ?? null);
        const decided = staffDomain(input.role, place.facilityDomain, input.domain);
        if ('problem' in decided) throw invalidInput([decided.problem]);
        const row = await tx
          .insertInto('staff_member')
          .values({
            region_code: place.regionCode,
            organisation_id: organisationId,
            facility_id: input.facilityId ?? null,
            domain: decided.domain,
            name: input.name,
            role: input.role,
            employed_from: input.employedFrom,
            employed_to: input.employedTo ?? null,
            ...sealed,
          })
          .returning(staffColumns)
          .executeTakeFirstOrThrow();
        await recordAudit(tx, actorOf(request), {
          action: 'create',
          entity: 'staff_member',
          entityId: row.id,
          regionCode: row.region_code,
          detail: { organisationId, facilityId: row.facility_id, fields: Object.keys(input) },
        });
        return (await staffViews(tx, deps.keys, [row], today()))[0];
      });
      return reply.status(201).send(view);
    },
  );

  api.patch(
    `${own.prefix}/staff/:id`,
    {
      config: { access: own.write },
      schema: {
        tags: ['staff'],
        summary: "Change a staff member's facility, role or employment dates",
        params: IdParams,
        body: StaffPatch,
        response: { 200: StaffMember, ...ErrorResponses },
      },
    },
    async (request) => {
      const patch = request.body;
      return inTransaction(deps.db, async (tx) => {
        const current = await staffInReach(tx, request.principal!, 'provider', request.params.id, 'write');
        const facilityId = patch.facilityId === undefined ? current.facility_id : patch.facilityId;
        const place = await placeOfWork(tx, current.organisation_id, facilityId);
        const decided = staffDomain(patch.role ?? current.role, place.facilityDomain, current.domain);
        if ('problem' in decided) throw invalidInput([decided.problem]);
        const employedFrom = patch.employedFrom ?? current.employed_from;
        const employedTo = patch.employedTo === undefined ? current.employed_to : patch.employedTo;
        requireOrderedDates(employedFrom, employedTo, 'body.employedTo');
        const row = await tx
          .updateTable('staff_member')
          .set({
            region_code: place.regionCode,
            facility_id: facilityId,
            ...(patch.name !== undefined && { name: patch.name }),
            ...(patch.role !== undefined && { role: patch.role }),
            employed_from: employedFrom,
            employed_to: employedTo,
            updated_at: sql`now()`,
          })
          .where('id', '=', current.id)
          .returning(staffColumns)
          .executeTakeFirstOrThrow();
        await recordFieldChanges(
          tx,
          actorOf(request),
          'staff_change',
          row,
          deps.clock(),
          staffChanges(current, row),
        );
        await recordAudit(tx, actorOf(request), {
          action: 'update',
          entity: 'staff_member',
          entityId: row.id,
          regionCode: row.region_code,
          detail: { fields: Object.keys(patch) },
        });
        return (await staffViews(tx, deps.keys, [row], today()))[0];
      });
    },
  );

  api.post(
    `${own.prefix}/staff/:id/certificates`,
    {
      config: { access: own.write },
      schema: {
        tags: ['staff'],
        summary: 'Record a certificate of a staff member (qualification or health certificate)',
        params: IdParams,
        body: CertificateInput,
        response: { 201: StaffMember, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const input = request.body;
      requireOrderedDates(input.validFrom, input.validTo, 'body.validTo');
      const view = await inTransaction(deps.db, async (tx) => {
        const member = await staffInReach(tx, request.principal!, 'provider', request.params.id, 'write');
        const certificate = await tx
          .insertInto('staff_certificate')
          .values({
            region_code: member.region_code,
            staff_id: member.id,
            certificate_type: input.certificateType,
            number: input.number,
            issuer: input.issuer,
            valid_from: input.validFrom,
            valid_to: input.validTo ?? null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await recordAudit(tx, actorOf(request), {
          action: 'create',
          entity: 'staff_certificate',
          entityId: certificate.id,
          regionCode: member.region_code,
          detail: { staffId: member.id, certificateType: input.certificateType },
        });
        return (await staffViews(tx, deps.keys, [member], today()))[0];
      });
      return reply.status(201).send(view);
    },
  );

  api.post(
    `${own.prefix}/staff/:id/background-checks`,
    {
      config: { access: own.write },
      schema: {
        tags: ['staff'],
        summary: 'Record a health certificate or no-abuse-record check of a staff member',
        params: IdParams,
        body: BackgroundCheckInput,
        response: { 201: StaffMember, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const input = request.body;
      if (input.kind === 'health_certificate' && input.validTo === undefined) {
        throw invalidInput([
          fieldError('body.validTo', '健康证明须填写有效期', 'A health certificate needs the date it lapses'),
        ]);
      }
      requireOrderedDates(input.checkedOn, input.validTo, 'body.validTo');
      const view = await inTransaction(deps.db, async (tx) => {
        const member = await staffInReach(tx, request.principal!, 'provider', request.params.id, 'write');
        const check = await tx
          .insertInto('staff_background_check')
          .values({
            region_code: member.region_code,
            staff_id: member.id,
            kind: input.kind,
            result: input.result,
            checked_on: input.checkedOn,
            valid_to: input.validTo ?? null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await recordAudit(tx, actorOf(request), {
          action: 'create',
          entity: 'staff_background_check',
          entityId: check.id,
          regionCode: member.region_code,
          detail: { staffId: member.id, kind: input.kind, result: input.result },
        });
        return (await staffViews(tx, deps.keys, [member], today()))[0];
      });
      return reply.status(201).send(view);
    },
  );
}
