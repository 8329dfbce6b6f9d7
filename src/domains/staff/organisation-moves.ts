// Staff who work at no particular facility are recorded in their organisation's region (migrations/0010_staff.sql);
// those at a facility move with the facility (ON UPDATE CASCADE). When an organisation moves to another region, by an
// officer's edit or an Excel upload, its facility-less staff move with it in the same transaction: each member's move
// is written to their field history (staff_change) and the move is audited per organisation.
import { sql } from 'kysely';
import type { Tx } from '../../db/database.ts';
import { recordAuditMany, type Actor } from '../audit/record.ts';

/** The facility-less members of one organisation that moved from one region to another. */
export interface StaffMove {
  organisationId: number;
  fromRegion: string;
  toRegion: string;
  staffIds: number[];
}

/**
 * Moves the facility-less staff of the organisations into their organisation's (new) region; staff already there are
 * left alone, so calling it again changes nothing. `changedAt` is the history's time (now() when absent, as intake's);
 * `detail` is added to each audit entry (e.g. which upload).
 */
export async function moveStaffWithOrganisations(
  tx: Tx,
  actor: Actor,
  organisationIds: readonly number[],
  options: { changedAt?: Date; detail?: Record<string, unknown> } = {},
): Promise<StaffMove[]> {
  if (organisationIds.length === 0) return [];
  const accountId = actor.principal?.accountId ?? null;
  const changedAt = options.changedAt ? sql`${options.changedAt}::timestamptz` : sql`now()`;
  // `before` reads the members as they were (a WITH's sub-statements share one snapshot), `moved` as the update left
  // them; the history rows name the new region, where the members now are.
  const { rows } = await sql<{
    organisation_id: number | string;
    from_region: string;
    to_region: string;
    staff_ids: (number | string)[];
  }>`
    WITH moved AS (
      UPDATE staff_member m SET region_code = o.region_code, updated_at = now()
      FROM organisation o
      WHERE o.id = ANY(${organisationIds.map(Number)}::bigint[]) AND m.organisation_id = o.id
        AND m.facility_id IS NULL AND m.region_code <> o.region_code
      RETURNING m.id, m.organisation_id, m.region_code
    ), before AS (
      SELECT m.id, m.region_code FROM staff_member m JOIN moved a ON a.id = m.id
    ), history AS (
      INSERT INTO staff_change (region_code, staff_id, changed_at, account_id, field, old_value, new_value)
      SELECT a.region_code, a.id, ${changedAt}, (SELECT id FROM account WHERE id = ${accountId}::bigint),
             'regionCode', b.region_code, a.region_code
      FROM moved a JOIN before b ON b.id = a.id
    )
    SELECT a.organisation_id, b.region_code AS from_region, a.region_code AS to_region,
           array_agg(a.id ORDER BY a.id) AS staff_ids
    FROM moved a JOIN before b ON b.id = a.id
    GROUP BY a.organisation_id, b.region_code, a.region_code
    ORDER BY a.organisation_id, b.region_code`.execute(tx);
  const moves = rows.map((row) => ({
    organisationId: Number(row.organisation_id),
    fromRegion: row.from_region,
    toRegion: row.to_region,
    staffIds: row.staff_ids.map(Number),
  }));
  // The audit names the members moved and where from and to; their names stay in the registry.
  await recordAuditMany(
    tx,
    actor,
    moves.map((move) => ({
      action: 'update',
      entity: 'staff_member',
      regionCode: move.toRegion,
      detail: {
        fields: ['regionCode'],
        followsOrganisation: move.organisationId,
        fromRegion: move.fromRegion,
        staffIds: move.staffIds,
        ...options.detail,
      },
    })),
  );
  return moves;
}
