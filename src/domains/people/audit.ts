import type { Tx } from '../../db/database.ts';
import { recordAuditMany, type Actor, type AuditEvent } from '../audit/record.ts';

export interface AffectedPerson {
  id: number;
  region_code: string;
}

/**
 * One audit entry per affected person, filed under that person's own region and naming only that person: a record
 * linking persons of two districts (a relationship, a consent, a household) must not show one district's person
 * ids in the other district's audit view, which filters entries by region.
 */
export async function auditPerPerson(
  tx: Tx,
  actor: Actor,
  event: Omit<AuditEvent, 'regionCode'>,
  persons: (AffectedPerson & { role?: string })[],
): Promise<void> {
  const seen = new Set<number>();
  const events: AuditEvent[] = [];
  for (const person of persons) {
    if (seen.has(person.id)) continue;
    seen.add(person.id);
    events.push({
      ...event,
      regionCode: person.region_code,
      detail: { ...event.detail, personId: person.id, ...(person.role && { role: person.role }) },
    });
  }
  await recordAuditMany(tx, actor, events);
}

/** A read of persons' records: one entry per person shown, each under its own region. */
export async function auditPersonReads(
  tx: Tx,
  actor: Actor,
  persons: AffectedPerson[],
  detail: Record<string, unknown> = {},
): Promise<void> {
  const unique = [...new Map(persons.map((person) => [person.id, person])).values()];
  await recordAuditMany(
    tx,
    actor,
    unique.map((person) => ({
      action: 'read',
      entity: 'person',
      entityId: person.id,
      regionCode: person.region_code,
      detail,
    })),
  );
}
