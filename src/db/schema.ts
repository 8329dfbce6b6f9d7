import type { AccountTables } from '../domains/accounts/tables.ts';
import type { AuditTables } from '../domains/audit/tables.ts';
import type { CalendarTables } from '../domains/calendar/tables.ts';
import type { PeopleTables } from '../domains/people/tables.ts';
import type { OrganisationTables } from '../domains/providers/tables.ts';
import type { RegionTables } from '../domains/regions/tables.ts';
import type { FilingTables } from '../domains/filing/tables.ts';
import type { ForecastTables } from '../domains/forecast/tables.ts';
import type { IntakeTables } from '../domains/intake/tables.ts';
import type { PlanTables } from '../domains/plan/tables.ts';
import type { StandardTables } from '../domains/plan/standards-tables.ts';
import type { PopulationTables } from '../domains/population/tables.ts';
import type { StaffTables } from '../domains/staff/tables.ts';
import type { VisitTables } from '../domains/visits/tables.ts';

export interface SettingTable {
  key: string;
  value: unknown;
  updated_at: import('kysely').Generated<Date>;
}

/** Every table the platform's typed SQL may touch; each domain declares its own. */
export interface Database
  extends AccountTables,
    AuditTables,
    CalendarTables,
    FilingTables,
    ForecastTables,
    IntakeTables,
    OrganisationTables,
    PeopleTables,
    PlanTables,
    PopulationTables,
    RegionTables,
    StaffTables,
    StandardTables,
    VisitTables {
  setting: SettingTable;
}
