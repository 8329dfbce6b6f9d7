import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.ts';
import type { FacilityType } from '../providers/facility-types.ts';
import type { DeadlineRule, FilingDomain, FilingTimeline } from './deadlines.ts';
import { chinaDate } from '../calendar/working-days.ts';
import { firstAdmissionDateOf } from './fields.ts';
import type { FilingAction, FilingStatus } from './state-machine.ts';

/**
 * Residential elderly-care facilities: they must file within working days of admitting their first resident, and
 * until a filing declares that date their opening day stands for it.
 */
export const RESIDENTIAL_ELDERLY_TYPES: readonly FacilityType[] = [
  'care_home',
  'township_care_home',
  'medical_care_institution',
];

export const filingColumns = [
  'filing.region_code',
  'filing.id',
  'filing.facility_region_code',
  'filing.facility_id',
  'filing.organisation_id',
  'filing.domain',
  'filing.kind',
  'filing.status',
  'filing.fields',
  'filing.created_at',
  'filing.updated_at',
  'filing.submitted_at',
  'filing.received_at',
  'filing.decided_at',
  'facility.name as facility_name',
  'facility.facility_type',
  'facility.opened_on',
] as const;

export function filingsWithFacility(db: Db | Tx) {
  return db
    .selectFrom('filing')
    .innerJoin('facility', 'facility.id', 'filing.facility_id')
    .select(filingColumns);
}

export type FilingRow = Awaited<
  ReturnType<ReturnType<typeof filingsWithFacility>['executeTakeFirstOrThrow']>
>;

export async function findFiling(tx: Tx, id: number, lock = false): Promise<FilingRow | undefined> {
  let query = filingsWithFacility(tx).where('filing.id', '=', id);
  if (lock) query = query.forUpdate('filing');
  return query.executeTakeFirst();
}

export async function loadDeadlineRules(db: Db | Tx): Promise<DeadlineRule[]> {
  const rows = await db
    .selectFrom('filing_deadline_rule')
    .select(['id', 'region_code', 'domain', 'step', 'working_days', 'valid_from', 'valid_to'])
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    regionCode: row.region_code,
    domain: row.domain,
    step: row.step,
    workingDays: row.working_days,
    validFrom: row.valid_from,
    validTo: row.valid_to,
  }));
}

export interface EventRow {
  id: number;
  filing_id: number;
  at: Date;
  account_id: number | null;
  action: FilingAction;
  from_status: FilingStatus;
  to_status: FilingStatus;
  reasons: string | null;
  deadline: string | null;
  published: boolean;
}

export async function eventsOf(db: Db | Tx, filingIds: number[]): Promise<Map<number, EventRow[]>> {
  const byFiling = new Map<number, EventRow[]>(filingIds.map((id) => [id, []]));
  if (filingIds.length === 0) return byFiling;
  const rows = await db
    .selectFrom('filing_event')
    .select([
      'id',
      'filing_id',
      'at',
      'account_id',
      'action',
      'from_status',
      'to_status',
      'reasons',
      'deadline',
      'published',
    ])
    .where('filing_id', 'in', filingIds)
    .orderBy('id')
    .execute();
  for (const row of rows) byFiling.get(row.filing_id)?.push(row);
  return byFiling;
}

export function timelineOf(filing: FilingRow, events: readonly EventRow[]): FilingTimeline {
  return {
    kind: filing.kind,
    domain: filing.domain,
    regionCode: filing.region_code,
    status: filing.status,
    firstAdmissionDate:
      firstAdmissionDateOf(filing.fields) ??
      (RESIDENTIAL_ELDERLY_TYPES.includes(filing.facility_type) ? filing.opened_on : null),
    events: events.map((event) => ({ action: event.action, on: chinaDate(event.at) })),
  };
}

export async function findFacility(tx: Tx, id: number) {
  return tx
    .selectFrom('facility')
    .select(['region_code', 'id', 'organisation_id', 'domain', 'facility_type', 'name'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function liveRecordOf(tx: Tx, facilityId: number) {
  return tx
    .selectFrom('filing_record')
    .select(['region_code', 'id', 'filing_number', 'filed_on', 'updated_on'])
    .where('facility_id', '=', facilityId)
    .where('deregistered_on', 'is', null)
    .executeTakeFirst();
}

const NUMBER_PREFIX: Record<FilingDomain, string> = { elderly_care: 'EC', childcare: 'CC' };

/**
 * The next filing number of a county, domain and year, e.g. EC340603-2026-0007. The transaction-scoped lock
 * serialises numbering per county, domain and year so two approvals never draw the same number.
 */
export async function nextFilingNumber(
  tx: Tx,
  county: string,
  domain: FilingDomain,
  year: string,
): Promise<string> {
  const stem = `${NUMBER_PREFIX[domain]}${county}-${year}-`;
  await sql`SELECT pg_advisory_xact_lock(hashtext(${'filing_number:' + stem}))`.execute(tx);
  const { n } = await tx
    .selectFrom('filing_record')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('filing_number', 'like', `${stem}%`)
    .executeTakeFirstOrThrow();
  return `${stem}${String(n + 1).padStart(4, '0')}`;
}
