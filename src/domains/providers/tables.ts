import type { Generated } from 'kysely';

export interface OrganisationTable {
  region_code: string;
  id: Generated<number>;
  uscc: string;
  name: string;
  created_at: Generated<Date>;
}

export interface OrganisationTables {
  organisation: OrganisationTable;
}
