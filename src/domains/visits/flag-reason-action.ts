// Giving the reason for a flag after the visit reached the server, and the list of visits still waiting for one.
import { sql } from 'kysely';
import type { Tx } from '../../db/database.ts';
import { holds, type Principal } from '../../server/access.ts';
import { AppError, invalidInput, notFound } from '../../server/errors.ts';
import type { Actor } from '../audit/record.ts';
import { recordAudit } from '../audit/record.ts';
import { giveReasons } from './flag-reasons.ts';
import { findRecord, inPrefixes, RECORD_SELECT, type RecordRow } from './queries.ts';
import { reaches, visitReach, type VisitReach } from './reach.ts';
import type { FlagReasonInput, FlagView } from './schemas.ts';

/** The worker who recorded a visit answers for it; a supervisor (who verifies) may add what the worker says. */
export function reasonReach(principal: Principal): VisitReach {
  return holds(principal, 'visits.verify')
    ? visitReach(principal, 'visits.verify')
    : visitReach(principal, 'visits.record');
}

const reviewed = () =>
  new AppError(409, 'visit_already_reviewed', {
    'zh-CN': '该探访记录已审核，不能再补充原因',
    'en-US': 'This visit record has already been reviewed; no reason can be added',
  });

export async function giveFlagReasons(
  tx: Tx,
  actor: Actor,
  reach: VisitReach,
  id: number,
  input: FlagReasonInput,
  now: Date,
): Promise<RecordRow> {
  const row = await tx
    .selectFrom('visit_record')
    .select(['id', 'region_code', 'person_id', 'status', 'worker_account_id', 'flags'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row || !reaches(reach, row.region_code, row.worker_account_id))
    throw notFound('Visit record', '探访记录');
  if (row.status !== 'pending') throw reviewed();
  const before = row.flags as FlagView[];
  const result = giveReasons(before, input, now);
  if ('problems' in result) throw invalidInput(result.problems);
  await tx
    .updateTable('visit_record')
    .set({ flags: JSON.stringify(result.flags) })
    .where('region_code', '=', row.region_code)
    .where('id', '=', row.id)
    .execute();
  await recordAudit(tx, actor, {
    action: 'update',
    entity: 'visit_record',
    entityId: row.id,
    regionCode: row.region_code,
    detail: {
      personId: row.person_id,
      flagReasons: { before, after: result.flags },
      byRecorder: actor.principal?.accountId === row.worker_account_id,
    },
  });
  return (await findRecord(tx, { id: row.id }))!;
}

/** Pending visits in reach with a flag nobody has explained yet, newest first. */
export async function recordsAwaitingReason(
  tx: Tx,
  reach: VisitReach,
  prefixes: string[] | null,
  page: { page: number; pageSize: number },
): Promise<RecordRow[]> {
  const own =
    reach.ownAccountId === null ? sql`true` : sql`v.worker_account_id = ${reach.ownAccountId}::bigint`;
  const result = await sql<RecordRow>`
    ${RECORD_SELECT}
   WHERE v.status = 'pending' AND ${inPrefixes(sql`v.region_code`, prefixes)} AND ${own}
     AND jsonb_path_exists(v.flags, '$[*] ? (@.reasonCode == null)')
   ORDER BY v.id DESC
   LIMIT ${page.pageSize} OFFSET ${(page.page - 1) * page.pageSize}
  `.execute(tx);
  return result.rows;
}
