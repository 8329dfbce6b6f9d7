import type { Tx } from '../../db/database.ts';
import type { Principal } from '../../server/access.ts';
import type { AuditAction } from './tables.ts';

/** Who is acting and from where: what every domain action receives besides its input. */
export interface Actor {
  principal: Principal | null;
  ip: string | null;
  requestId: string | null;
}

export interface AuditEvent {
  action: AuditAction;
  entity: string;
  entityId?: string | number | null;
  regionCode?: string | null;
  detail?: Record<string, unknown>;
}

/** Appends to the audit log inside the caller's transaction, so the record and the change commit together. */
export async function recordAudit(tx: Tx, actor: Actor, event: AuditEvent): Promise<void> {
  await recordAuditMany(tx, actor, [event]);
}

export async function recordAuditMany(tx: Tx, actor: Actor, events: AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  await tx
    .insertInto('audit_entry')
    .values(
      events.map((event) => ({
        region_code: event.regionCode ?? null,
        account_id: actor.principal?.accountId ?? null,
        principal_type: actor.principal?.principalType ?? null,
        action: event.action,
        entity: event.entity,
        entity_id: event.entityId === undefined || event.entityId === null ? null : String(event.entityId),
        detail: JSON.stringify(event.detail ?? {}),
        ip: actor.ip,
        request_id: actor.requestId,
      })),
    )
    .execute();
}
