import { sql } from 'kysely';
import { z } from 'zod';
import { inTransaction } from '../../db/database.ts';
import { actorOf, type AppDeps } from '../../server/app.ts';
import { AppError, fieldError, forbidden, invalidInput } from '../../server/errors.ts';
import { ErrorResponses, RegionCode } from '../../server/schemas.ts';
import type { TypedApi } from '../../server/typed.ts';
import { recordAuditMany } from '../audit/record.ts';
import { chinaDate } from '../calendar/working-days.ts';
import { FACILITY_DOMAINS, FACILITY_TYPES, OPERATING_STATUSES, OWNERSHIPS } from './facility-types.ts';
import { facilityInReach } from './facility-routes.ts';
import { capacityAsOf, capacityHistory, type CapacityRow } from './queries.ts';
import { assertReadsRegion, readableDomains, SIDES } from './reach.ts';
import { capacityProblems, mergeCapacity, placeCapacityPeriod, type CapacityFigures } from './rules.ts';
import { CapacityInput, CapacityPeriod, IdParams, IsoDate } from './schemas.ts';
import { capacityView } from './views.ts';

const History = z.object({ facilityId: z.number().int(), periods: z.array(CapacityPeriod) });

const Totals = z.object({
  facilities: z.number().int(),
  inclusiveFacilities: z.number().int(),
  bedsTotal: z.number().int(),
  bedsNursing: z.number().int(),
  bedsDementia: z.number().int(),
  bedsInclusive: z.number().int(),
  placesInfant: z.number().int(),
  placesYoungToddler: z.number().int(),
  placesOlderToddler: z.number().int(),
  placesMixed: z.number().int(),
  places: z.number().int(),
  placesInclusive: z.number().int(),
  floorArea: z.number(),
});
const CapacitySummary = z.object({
  regionCode: z.string(),
  asOf: z.string(),
  domains: z.array(z.enum(FACILITY_DOMAINS)),
  capacityStatuses: z.array(z.enum(OPERATING_STATUSES)),
  totals: Totals,
  byType: z.array(Totals.extend({ facilityType: z.enum(FACILITY_TYPES), domain: z.enum(FACILITY_DOMAINS) })),
  facilityCounts: z.array(
    z.object({
      facilityType: z.enum(FACILITY_TYPES),
      ownership: z.enum(OWNERSHIPS),
      operatingStatus: z.enum(OPERATING_STATUSES),
      facilities: z.number().int(),
    }),
  ),
});

function figuresOf(rest: CapacityRow): CapacityFigures {
  return {
    operatingStatus: rest.operating_status,
    bedsTotal: rest.beds_total,
    bedsNursing: rest.beds_nursing,
    bedsDementia: rest.beds_dementia,
    bedsInclusive: rest.beds_inclusive,
    placesInfant: rest.places_infant,
    placesYoungToddler: rest.places_young_toddler,
    placesOlderToddler: rest.places_older_toddler,
    placesMixed: rest.places_mixed,
    placesInclusive: rest.places_inclusive,
    inclusive: rest.inclusive,
    floorArea: rest.floor_area,
    grade: rest.grade,
    medicalIntegration: rest.medical_integration,
  };
}

const overlapping = () =>
  new AppError(
    409,
    'capacity_period_overlaps',
    {
      'zh-CN': '该时段与已登记的床位/托位记录重叠',
      'en-US': 'The period overlaps capacity already recorded for the facility',
    },
    [fieldError('body.validFrom', '时段与已有记录重叠', 'Overlaps a recorded period')],
  );

export function capacityRoutes(api: TypedApi, deps: AppDeps): void {
  for (const side of ['government', 'provider'] as const) {
    const { prefix, read, write } = SIDES[side];

    api.get(
      `${prefix}/facilities/:id/capacity-history`,
      {
        config: { access: read },
        schema: {
          tags: ['providers'],
          summary: "A facility's capacity, status and grade over time, oldest period first",
          params: IdParams,
          response: { 200: History, ...ErrorResponses },
        },
      },
      async (request) =>
        inTransaction(deps.db, async (tx) => {
          const facility = await facilityInReach(tx, request.principal!, side, request.params.id, 'read');
          const periods = await capacityHistory(tx, facility.id);
          return { facilityId: facility.id, periods: periods.map(capacityView) };
        }),
    );

    api.post(
      `${prefix}/facilities/:id/capacity`,
      {
        config: { access: write },
        schema: {
          tags: ['providers'],
          summary:
            'Record capacity from a date on: the open period ends the day before; figures left out carry over from it',
          params: IdParams,
          body: CapacityInput,
          response: { 201: History.extend({ recorded: CapacityPeriod }), ...ErrorResponses },
        },
      },
      async (request, reply) => {
        const { validFrom, validTo, note, ...stated } = request.body;
        if (validTo !== undefined && validTo <= validFrom) {
          throw invalidInput([
            fieldError('body.validTo', '结束日期应晚于开始日期', 'The period must end after it starts'),
          ]);
        }
        const result = await inTransaction(deps.db, async (tx) => {
          const facility = await facilityInReach(tx, request.principal!, side, request.params.id, 'write', {
            lock: true,
          });
          const periods = await capacityHistory(tx, facility.id);
          const placement = placeCapacityPeriod(
            periods.map((period) => ({
              id: period.id,
              validFrom: period.valid_from,
              validTo: period.valid_to,
            })),
            validFrom,
            validTo ?? null,
          );
          if (!placement.ok) {
            if (placement.reason === 'overlap') throw overlapping();
            throw new AppError(
              409,
              'capacity_period_exists',
              {
                'zh-CN': '该日期已有一条记录；请从其他日期起登记变化',
                'en-US': 'A period already starts on this date; record a change from another date',
              },
              [fieldError('body.validFrom', '该日期已有记录', 'A period starts on this date')],
            );
          }
          const previous = periods.find(
            (period) =>
              period.valid_from < validFrom && (period.valid_to === null || period.valid_to >= validFrom),
          );
          const figures = mergeCapacity(previous ? figuresOf(previous) : null, stated);
          const problems = capacityProblems(facility.domain, figures);
          if (problems.length > 0) throw invalidInput(problems);

          if (placement.closePeriodId !== null) {
            await tx
              .updateTable('facility_capacity')
              .set({ valid_during: sql`daterange(lower(valid_during), ${validFrom}::date)` })
              .where('id', '=', placement.closePeriodId)
              .execute();
          }
          const inserted = await tx
            .insertInto('facility_capacity')
            .values({
              region_code: facility.region_code,
              facility_id: facility.id,
              valid_during: sql<string>`daterange(${validFrom}::date, ${placement.validTo}::date)`,
              operating_status: figures.operatingStatus,
              beds_total: figures.bedsTotal,
              beds_nursing: figures.bedsNursing,
              beds_dementia: figures.bedsDementia,
              beds_inclusive: figures.bedsInclusive,
              places_infant: figures.placesInfant,
              places_young_toddler: figures.placesYoungToddler,
              places_older_toddler: figures.placesOlderToddler,
              places_mixed: figures.placesMixed,
              places_inclusive: figures.placesInclusive,
              inclusive: figures.inclusive,
              floor_area: figures.floorArea,
              grade: figures.grade,
              medical_integration: figures.medicalIntegration,
              note: note ?? null,
              recorded_by: request.principal!.accountId,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
            .catch((error: unknown) => {
              // Another request recorded an overlapping period between our read and our write.
              if ((error as { code?: string }).code === '23P01') throw overlapping();
              throw error;
            });
          await recordAuditMany(tx, actorOf(request), [
            ...(placement.closePeriodId === null
              ? []
              : [
                  {
                    action: 'update' as const,
                    entity: 'facility_capacity',
                    entityId: placement.closePeriodId,
                    regionCode: facility.region_code,
                    detail: { facilityId: facility.id, closedBefore: validFrom },
                  },
                ]),
            {
              action: 'create',
              entity: 'facility_capacity',
              entityId: inserted.id,
              regionCode: facility.region_code,
              detail: {
                facilityId: facility.id,
                validFrom,
                validTo: placement.validTo,
                fields: Object.keys(stated),
              },
            },
          ]);
          const history = (await capacityHistory(tx, facility.id)).map(capacityView);
          return {
            facilityId: facility.id,
            periods: history,
            recorded: history.find((period) => period.id === inserted.id)!,
          };
        });
        return reply.status(201).send(result);
      },
    );
  }

  api.get(
    '/providers/capacity',
    {
      config: { access: SIDES.government.read },
      schema: {
        tags: ['providers'],
        summary:
          "Beds, places and facilities in a region subtree as they stood on a date, for the caller's department",
        querystring: z.object({
          region: RegionCode,
          asOf: IsoDate.optional(),
          domain: z.enum(FACILITY_DOMAINS).optional(),
          type: z.enum(FACILITY_TYPES).optional(),
          ownership: z.enum(OWNERSHIPS).optional(),
          organisationId: z.coerce
            .number()
            .int()
            .positive()
            .max(2 ** 53)
            .optional(),
        }),
        response: { 200: CapacitySummary, ...ErrorResponses },
      },
    },
    async (request) => {
      const { region, asOf, domain, type, ownership, organisationId } = request.query;
      const principal = request.principal!;
      assertReadsRegion(principal, region);
      const readable = readableDomains(principal, region);
      const domains = domain ? readable.filter((d) => d === domain) : readable;
      if (domains.length === 0) throw forbidden();
      const summary = await capacityAsOf(deps.db, region, asOf ?? chinaDate(deps.clock()), {
        domains,
        ...(type && { facilityTypes: [type] }),
        ...(ownership && { ownerships: [ownership] }),
        ...(organisationId && { organisationIds: [organisationId] }),
      });
      return { ...summary, domains };
    },
  );
}
