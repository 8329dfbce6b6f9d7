import { z } from 'zod';
import { FACILITY_TYPES } from '../providers/facility-types.ts';
import { DEADLINE_STEPS, type StepDeadline } from './deadlines.ts';
import { CONTENT_TYPES, DOCUMENT_TYPES } from './documents.ts';
import type { EventRow, FilingRow } from './queries.ts';
import { availableActions, FILING_ACTIONS, FILING_STATUSES } from './state-machine.ts';

export const Domain = z.enum(['elderly_care', 'childcare']);
export const Kind = z.enum(['initial', 'change', 'deregistration']);
export const Status = z.enum(FILING_STATUSES);
export const IdParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 53),
});
export const DocumentParams = IdParams.extend({ documentId: IdParams.shape.id });

export const Deadline = z.object({
  step: z.enum(DEADLINE_STEPS),
  from: z.string(),
  workingDays: z.number().int(),
  dueOn: z.string(),
  ruleId: z.number().int(),
  doneOn: z.string().nullable(),
  state: z.enum(['pending', 'overdue', 'done', 'done_late', 'closed']),
  workingDaysLate: z.number().int(),
  provisional: z.boolean(),
});

export const DocumentSummary = z.object({
  id: z.number().int(),
  type: z.enum(DOCUMENT_TYPES),
  fileName: z.string(),
  contentType: z.enum(CONTENT_TYPES),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
});
export const DocumentContent = DocumentSummary.extend({ content: z.string().describe('base64') });

export const FilingEvent = z.object({
  id: z.number().int(),
  at: z.string(),
  action: z.enum(FILING_ACTIONS),
  fromStatus: Status,
  toStatus: Status,
  reasons: z.string().nullable(),
  deadline: z.string().nullable(),
  published: z.boolean(),
  accountId: z.number().int().nullable(),
});

export const FilingSummary = z.object({
  id: z.number().int(),
  regionCode: z.string(),
  facility: z.object({ id: z.number().int(), name: z.string(), type: z.enum(FACILITY_TYPES) }),
  organisationId: z.number().int(),
  domain: Domain,
  kind: Kind,
  status: Status,
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  receivedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  deadlines: z.array(Deadline),
  overdue: z.boolean(),
  actions: z.array(z.enum(FILING_ACTIONS)),
});

export const FilingDetail = FilingSummary.extend({
  fields: z.record(z.string(), z.unknown()),
  documents: z.array(DocumentSummary),
  events: z.array(FilingEvent),
  filingNumber: z.string().nullable(),
});

const iso = (value: Date | null) => (value ? value.toISOString() : null);

export function summaryView(
  row: FilingRow,
  deadlines: StepDeadline[],
  side: 'provider' | 'reviewer',
): z.infer<typeof FilingSummary> {
  return {
    id: row.id,
    regionCode: row.region_code,
    facility: { id: row.facility_id, name: row.facility_name, type: row.facility_type },
    organisationId: row.organisation_id,
    domain: row.domain,
    kind: row.kind,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    submittedAt: iso(row.submitted_at),
    receivedAt: iso(row.received_at),
    decidedAt: iso(row.decided_at),
    deadlines,
    overdue: deadlines.some((deadline) => deadline.state === 'overdue'),
    actions: availableActions(row.status, side),
  };
}

export function eventView(event: EventRow): z.infer<typeof FilingEvent> {
  return {
    id: event.id,
    at: event.at.toISOString(),
    action: event.action,
    fromStatus: event.from_status,
    toStatus: event.to_status,
    reasons: event.reasons,
    deadline: event.deadline,
    published: event.published,
    accountId: event.account_id,
  };
}

export interface DocumentRow {
  id: number;
  type: z.infer<typeof DocumentSummary>['type'];
  file_name: string;
  content_type: z.infer<typeof DocumentSummary>['contentType'];
  size_bytes: number;
  sha256: Buffer;
  uploaded_at: Date;
}

export function documentView(row: DocumentRow): z.infer<typeof DocumentSummary> {
  return {
    id: row.id,
    type: row.type,
    fileName: row.file_name,
    contentType: row.content_type,
    sizeBytes: row.size_bytes,
    sha256: row.sha256.toString('hex'),
    uploadedAt: row.uploaded_at.toISOString(),
  };
}
