import type { CalendarDayKind } from './working-days.ts';

/** China's holiday arrangement: days off on weekdays and worked weekends (see migrations/0011_filing.sql). */
export interface CalendarDayTable {
  date: string;
  kind: CalendarDayKind;
  name: string;
}

export interface CalendarTables {
  calendar_day: CalendarDayTable;
}
