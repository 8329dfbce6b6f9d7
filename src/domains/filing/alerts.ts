// Overdue steps shown to the department: a receipt not given in time, a non-compliance notice not sent in time, a
// care home that admitted residents and has not filed in time.
import { sql } from 'kysely';
import { z } from 'zod';
import type { Tx } from '../../db/database.ts';
import type { Principal } from '../../server/access.ts';
import { FACILITY_TYPES } from '../providers/facility-types.ts';
import { DEADLINE_STEPS, filingDeadlines, overdueSteps, type FilingTimeline } from './deadlines.ts';
import { eventsOf, filingsWithFacility, RESIDENTIAL_ELDERLY_TYPES, timelineOf } from './queries.ts';
import { escapeLike, reviewCondition, reviewedDomains } from './reach.ts';
import { deadlineContext } from './workflow.ts';

export const FilingAlert = z.object({
  step: z.enum(DEADLINE_STEPS),
  filingId: z.number().int().nullable().describe('null when nothing has been submitted'),
  facility: z.object({ id: z.number().int(), name: z.string(), type: z.enum(FACILITY_TYPES) }),
  regionCode: z.string(),
  domain: z.enum(['elderly_care', 'childcare']),
  from: z.string(),
  dueOn: z.string(),
  workingDaysLate: z.number().int(),
  provisional: z.boolean(),
});
type Alert = z.infer<typeof FilingAlert>;

export async function computeAlerts(
  tx: Tx,
  principal: Principal,
  region: string,
  now: Date,
): Promise<{ asOf: string; alerts: Alert[] }> {
  const context = await deadlineContext(tx, now);
  const alerts: Alert[] = [];

  // Filings being handled, and drafts that declare a first admission (the department may not read the draft, but
  // that a care home admits residents without having filed is exactly what it must know).
  const open = await filingsWithFacility(tx)
    .where(reviewCondition(principal, region))
    .where((eb) =>
      eb.or([
        eb('filing.status', 'in', ['submitted', 'received']),
        eb.and([
          eb('filing.status', '=', 'draft'),
          eb('filing.kind', '=', 'initial'),
          eb.or([
            eb(sql<string>`filing.fields->>'firstAdmissionDate'`, 'is not', null),
            eb.and([
              eb('facility.facility_type', 'in', RESIDENTIAL_ELDERLY_TYPES),
              eb('facility.opened_on', 'is not', null),
            ]),
          ]),
        ]),
      ]),
    )
    .execute();
  const events = await eventsOf(
    tx,
    open.map((row) => row.id),
  );
  for (const row of open) {
    const steps = overdueSteps(
      filingDeadlines(timelineOf(row, events.get(row.id)!), context.rules, context.calendar, context.today),
    );
    for (const step of steps) {
      alerts.push({
        step: step.step,
        filingId: row.submitted_at === null ? null : row.id,
        facility: { id: row.facility_id, name: row.facility_name, type: row.facility_type },
        regionCode: row.region_code,
        domain: row.domain,
        from: step.from,
        dueOn: step.dueOn,
        workingDaysLate: step.workingDaysLate,
        provisional: step.provisional,
      });
    }
  }

  // Care homes open (their opening day standing for the first admission) with no filing at all: nothing submitted,
  // no draft (a draft is counted above).
  if (reviewedDomains(principal, region).includes('elderly_care')) {
    const unfiled = await tx
      .selectFrom('facility')
      .select(['id', 'region_code', 'name', 'facility_type', 'opened_on'])
      .where('facility.region_code', 'like', `${escapeLike(region)}%`)
      .where('facility.facility_type', 'in', RESIDENTIAL_ELDERLY_TYPES)
      .where('facility.opened_on', 'is not', null)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('filing')
              .select('filing.id')
              .whereRef('filing.facility_id', '=', 'facility.id')
              .where((inner) =>
                inner.or([
                  inner('filing.submitted_at', 'is not', null),
                  inner('filing.status', '=', 'draft'),
                ]),
              ),
          ),
        ),
      )
      .execute();
    for (const facility of unfiled) {
      const timeline: FilingTimeline = {
        kind: 'initial',
        domain: 'elderly_care',
        regionCode: facility.region_code.slice(0, 6),
        status: 'draft',
        firstAdmissionDate: facility.opened_on,
        events: [],
      };
      for (const step of overdueSteps(
        filingDeadlines(timeline, context.rules, context.calendar, context.today),
      )) {
        alerts.push({
          step: step.step,
          filingId: null,
          facility: { id: facility.id, name: facility.name, type: facility.facility_type },
          regionCode: facility.region_code.slice(0, 6),
          domain: 'elderly_care',
          from: step.from,
          dueOn: step.dueOn,
          workingDaysLate: step.workingDaysLate,
          provisional: step.provisional,
        });
      }
    }
  }

  alerts.sort((a, b) => b.workingDaysLate - a.workingDaysLate || a.dueOn.localeCompare(b.dueOn));
  return { asOf: context.today, alerts };
}
