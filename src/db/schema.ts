import type { AccountTables } from '../domains/accounts/tables.ts';
import type { AuditTables } from '../domains/audit/tables.ts';
import type { PeopleTables } from '../domains/people/tables.ts';
import type { OrganisationTables } from '../domains/providers/tables.ts';
import type { RegionTables } from '../domains/regions/tables.ts';

export interface SettingTable {
  key: string;
  value: unknown;
  updated_at: import('kysely').Generated<Date>;
}

/** Every table the platform's typed SQL may touch; each domain declares its own. */
export interface Database extends AccountTables, AuditTables, OrganisationTables, PeopleTables, RegionTables {
  setting: SettingTable;
}
