import type { ColumnType, Generated } from 'kysely';

export const INTAKE_KIND_KEYS = [
  'people',
  'households',
  'population',
  'organisations',
  'facilities',
  'capacity',
  'staff',
] as const;
export type IntakeKindKey = (typeof INTAKE_KIND_KEYS)[number];

export const INTAKE_STATUSES = ['queued', 'validating', 'applying', 'done', 'rejected', 'failed'] as const;
export type IntakeStatus = (typeof INTAKE_STATUSES)[number];

export type FileFormat = 'csv' | 'xlsx';

export interface IntakeJobTable {
  region_code: string;
  id: Generated<number>;
  account_id: number;
  kind: IntakeKindKey;
  file_name: string | null;
  file_format: FileFormat;
  file_bytes: number;
  file_sha256: Buffer;
  status: Generated<IntakeStatus>;
  progress: Generated<number>;
  rows_read: Generated<number>;
  rows_bad: Generated<number>;
  rows_created: Generated<number>;
  rows_updated: Generated<number>;
  rows_unchanged: Generated<number>;
  message_zh: string | null;
  message_en: string | null;
  result_file: Buffer | null;
  created_at: Generated<Date>;
  started_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  finished_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface IntakeTables {
  intake_job: IntakeJobTable;
}
