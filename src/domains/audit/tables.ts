import type { Generated } from 'kysely';

export type AuditAction =
  | 'create'
  | 'update'
  | 'delete'
  | 'read'
  | 'login'
  | 'login_failed'
  | 'logout'
  | 'export';

export interface AuditEntryTable {
  id: Generated<number>;
  region_code: string | null;
  occurred_at: Generated<Date>;
  account_id: number | null;
  principal_type: string | null;
  action: AuditAction;
  entity: string;
  entity_id: string | null;
  detail: Generated<unknown>;
  ip: string | null;
  request_id: string | null;
}

export interface AuditTables {
  audit_entry: AuditEntryTable;
}
