// The filing API as the console uses it (src/domains/filing/*: provider-routes, review-routes, views).
import { api, apiRequest } from '../api/client';

export const FILING_STATUSES = [
  'draft',
  'submitted',
  'received',
  'correction_requested',
  'approved',
  'rejected',
  'withdrawn',
] as const;
export type FilingStatus = (typeof FILING_STATUSES)[number];

export const FILING_ACTIONS = [
  'submit',
  'receive',
  'request_correction',
  'resubmit',
  'approve',
  'reject',
  'notify_non_compliance',
  'withdraw',
] as const;
export type FilingAction = (typeof FILING_ACTIONS)[number];

/** Provider-side actions and their URL segment. */
export const PROVIDER_ACTIONS = ['submit', 'resubmit', 'withdraw'] as const;
export type ProviderAction = (typeof PROVIDER_ACTIONS)[number];
/** Reviewer-side actions; these with reasons must say why (the server refuses them without). */
export const REVIEW_ACTIONS = [
  'receive',
  'request_correction',
  'approve',
  'reject',
  'notify_non_compliance',
] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];
export const NEEDS_REASONS: ReadonlySet<FilingAction> = new Set([
  'request_correction',
  'reject',
  'notify_non_compliance',
]);

export const FILING_KINDS = ['initial', 'change', 'deregistration'] as const;
export type FilingKind = (typeof FILING_KINDS)[number];
export type FilingDomain = 'elderly_care' | 'childcare';

export const DEADLINE_STEPS = [
  'receipt',
  'non_compliance_notice',
  'filing_due_after_first_admission',
] as const;
export type DeadlineStep = (typeof DEADLINE_STEPS)[number];
export type DeadlineState = 'pending' | 'overdue' | 'done' | 'done_late' | 'closed';

// The facility types are the providers registry's own: a filing names a facility of that registry.
export {
  CHILDCARE_FACILITY_TYPES,
  ELDERLY_CARE_FACILITY_TYPES,
  FACILITY_TYPES,
  type FacilityType,
} from '../providers/types';
import type { FacilityType } from '../providers/types';

/** The facilities that file (备案): care homes and every kind of childcare provider (src/domains/filing/fields.ts). */
export const FILED_FACILITY_TYPES: readonly FacilityType[] = [
  'care_home',
  'township_care_home',
  'medical_care_institution',
  'childcare_institution',
  'kindergarten_toddler_class',
  'community_childcare_point',
  'home_childcare_point',
];

export const DOCUMENT_TYPES = [
  'filing_form',
  'commitment',
  'registration_certificate',
  'premises_proof',
  'fire_safety',
  'food_licence',
  'staff_qualifications',
  'health_evaluation',
  'liability_insurance',
  'medical_agreement',
  'deregistration_notice',
  'other',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
export const CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type ContentType = (typeof CONTENT_TYPES)[number];
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** The documents the server requires before a submission (src/domains/filing/documents.ts requiredDocuments). */
export function requiredDocuments(
  domain: FilingDomain,
  kind: FilingKind,
  fields: Record<string, unknown>,
): DocumentType[] {
  if (kind === 'deregistration') return ['deregistration_notice'];
  const meals: DocumentType[] = fields.foodLicence === 'licensed' ? ['food_licence'] : [];
  if (domain === 'childcare') {
    return [
      'filing_form',
      'commitment',
      'registration_certificate',
      'premises_proof',
      'staff_qualifications',
      'health_evaluation',
      'fire_safety',
      ...meals,
    ];
  }
  return ['filing_form', 'commitment', 'registration_certificate', 'premises_proof', 'fire_safety', ...meals];
}

export interface Deadline {
  step: DeadlineStep;
  from: string;
  workingDays: number;
  dueOn: string;
  ruleId: number;
  doneOn: string | null;
  state: DeadlineState;
  workingDaysLate: number;
  provisional: boolean;
}

export interface FilingDocument {
  id: number;
  type: DocumentType;
  fileName: string;
  contentType: ContentType;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
}

export interface FilingEvent {
  id: number;
  at: string;
  action: FilingAction;
  fromStatus: FilingStatus;
  toStatus: FilingStatus;
  reasons: string | null;
  deadline: string | null;
  published: boolean;
  accountId: number | null;
}

export interface FilingSummary {
  id: number;
  regionCode: string;
  facility: { id: number; name: string; type: FacilityType };
  organisationId: number;
  domain: FilingDomain;
  kind: FilingKind;
  status: FilingStatus;
  createdAt: string;
  submittedAt: string | null;
  receivedAt: string | null;
  decidedAt: string | null;
  deadlines: Deadline[];
  overdue: boolean;
  actions: FilingAction[];
}

export interface FilingDetail extends FilingSummary {
  fields: Record<string, unknown>;
  documents: FilingDocument[];
  events: FilingEvent[];
  filingNumber: string | null;
}

export interface FilingList {
  filings: FilingSummary[];
  total: number;
}

export interface FilingAlert {
  step: DeadlineStep;
  filingId: number | null;
  facility: { id: number; name: string; type: FacilityType };
  regionCode: string;
  domain: FilingDomain;
  from: string;
  dueOn: string;
  workingDaysLate: number;
  provisional: boolean;
}

/** The facility as GET /api/provider/facilities answers (only what the filing pages use). */
export interface OwnFacility {
  id: number;
  regionCode: string;
  name: string;
  facilityType: FacilityType;
  domain: FilingDomain;
  address: string;
  ownership: 'public' | 'private' | 'publicly_built_privately_operated';
  openedOn: string | null;
}

export type Side = 'provider' | 'reviewer';

/** `/api/provider/filings` for providers, `/api/filings` for the department. */
export function filingBase(side: Side): string {
  return side === 'provider' ? '/api/provider/filings' : '/api/filings';
}

export function actionSegment(action: FilingAction): string {
  return action.replace(/_/g, '-');
}

export function createFiling(input: {
  facilityId: number;
  kind: FilingKind;
  fields: Record<string, unknown>;
}): Promise<FilingDetail> {
  return api.post<FilingDetail>('/api/provider/filings', input);
}

export function updateFields(id: number, fields: Record<string, unknown>): Promise<FilingDetail> {
  return apiRequest<FilingDetail>(`/api/provider/filings/${id}`, { method: 'PATCH', body: { fields } });
}

export function performAction(
  side: Side,
  id: number,
  action: FilingAction,
  reasons?: string,
): Promise<FilingDetail> {
  const path = `${filingBase(side)}/${id}/${actionSegment(action)}`;
  return api.post<FilingDetail>(path, side === 'reviewer' ? { reasons: reasons ?? undefined } : undefined);
}

export function uploadDocument(
  id: number,
  input: { type: DocumentType; fileName: string; contentType: ContentType; content: string; sha256?: string },
): Promise<FilingDocument> {
  return api.post<FilingDocument>(`/api/provider/filings/${id}/documents`, input);
}

export function deleteDocument(id: number, documentId: number): Promise<FilingDocument> {
  return apiRequest<FilingDocument>(`/api/provider/filings/${id}/documents/${documentId}`, {
    method: 'DELETE',
  });
}

export function fetchDocument(
  side: Side,
  id: number,
  documentId: number,
): Promise<FilingDocument & { content: string }> {
  return api.get(`${filingBase(side)}/${id}/documents/${documentId}`);
}

/**
 * The deadline that matters most now: an overdue one, else the open one due first, else the last one settled.
 * Elderly-care filings have no receipt rule by default, childcare ones do: this shows whichever applies.
 */
export function pressingDeadline(summary: Pick<FilingSummary, 'deadlines'>): Deadline | undefined {
  const open = summary.deadlines
    .filter((deadline) => deadline.state === 'overdue' || deadline.state === 'pending')
    .sort(
      (a, b) =>
        Number(b.state === 'overdue') - Number(a.state === 'overdue') || a.dueOn.localeCompare(b.dueOn),
    );
  return open[0] ?? summary.deadlines[summary.deadlines.length - 1];
}
