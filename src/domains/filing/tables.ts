import type { ColumnType, Generated } from 'kysely';
import type { DeadlineStep, FilingDomain, FilingKind } from './deadlines.ts';
import type { ContentType, DocumentType } from './documents.ts';
import type { FilingAction, FilingStatus } from './state-machine.ts';

/** jsonb written as a JSON string, read back as a value. */
type Json = ColumnType<unknown, string, string>;

export interface FilingDeadlineRuleTable {
  id: Generated<number>;
  region_code: string | null;
  domain: FilingDomain;
  step: DeadlineStep;
  working_days: number;
  valid_from: string;
  valid_to: string | null;
  basis: string;
  created_at: Generated<Date>;
}

export interface FilingTable {
  /** The facility's county: the department that receives the filing. */
  region_code: string;
  id: Generated<number>;
  facility_region_code: string;
  facility_id: number;
  organisation_id: number;
  domain: FilingDomain;
  kind: FilingKind;
  status: Generated<FilingStatus>;
  fields: Json;
  created_by: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  submitted_at: Date | null;
  received_at: Date | null;
  decided_at: Date | null;
}

export interface FilingDocumentTable {
  region_code: string;
  id: Generated<number>;
  filing_id: number;
  type: DocumentType;
  file_name: string;
  content_type: ContentType;
  size_bytes: number;
  sha256: Buffer;
  content: Buffer;
  uploaded_by: number | null;
  uploaded_at: Generated<Date>;
}

export interface FilingEventTable {
  region_code: string;
  id: Generated<number>;
  filing_id: number;
  at: Date;
  account_id: number | null;
  action: FilingAction;
  from_status: FilingStatus;
  to_status: FilingStatus;
  reasons: string | null;
  deadline: string | null;
  published: Generated<boolean>;
}

export interface FilingRecordTable {
  region_code: string;
  id: Generated<number>;
  facility_id: number;
  organisation_id: number;
  domain: FilingDomain;
  filing_number: string;
  filed_on: string;
  fields: Json;
  initial_filing_id: number;
  last_filing_id: number;
  updated_on: string;
  deregistered_on: string | null;
}

export interface FilingTables {
  filing_deadline_rule: FilingDeadlineRuleTable;
  filing: FilingTable;
  filing_document: FilingDocumentTable;
  filing_event: FilingEventTable;
  filing_record: FilingRecordTable;
}
