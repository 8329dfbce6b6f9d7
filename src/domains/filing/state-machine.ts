/**
 * The filing workflow: who may move a filing from which status to which. Providers submit and withdraw; the
 * competent department (civil affairs for elderly care, health commission for childcare) receives and decides.
 */

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

export type FilingActor = 'provider' | 'reviewer';

/** Statuses in which a filing is still being handled: a facility has at most one such filing at a time. */
export const OPEN_STATUSES: readonly FilingStatus[] = [
  'draft',
  'submitted',
  'received',
  'correction_requested',
];

interface Transition {
  by: FilingActor;
  from: readonly FilingStatus[];
  to: FilingStatus;
  /** The department must say why (and for refusals the reasons are published). */
  needsReasons: boolean;
  /** Published on the public list as a notice. */
  published: boolean;
}

export const TRANSITIONS: Readonly<Record<FilingAction, Transition>> = {
  submit: { by: 'provider', from: ['draft'], to: 'submitted', needsReasons: false, published: false },
  // A receipt (备案回执) acknowledges the materials; it is not yet a decision.
  receive: { by: 'reviewer', from: ['submitted'], to: 'received', needsReasons: false, published: false },
  request_correction: {
    by: 'reviewer',
    from: ['submitted', 'received'],
    to: 'correction_requested',
    needsReasons: true,
    published: false,
  },
  resubmit: {
    by: 'provider',
    from: ['correction_requested'],
    to: 'submitted',
    needsReasons: false,
    published: false,
  },
  // Only received materials can be approved: the receipt is a legal step of its own.
  approve: { by: 'reviewer', from: ['received'], to: 'approved', needsReasons: false, published: false },
  reject: {
    by: 'reviewer',
    from: ['submitted', 'received'],
    to: 'rejected',
    needsReasons: true,
    published: true,
  },
  notify_non_compliance: {
    by: 'reviewer',
    from: ['submitted', 'received'],
    to: 'rejected',
    needsReasons: true,
    published: true,
  },
  withdraw: {
    by: 'provider',
    from: ['draft', 'submitted', 'received', 'correction_requested'],
    to: 'withdrawn',
    needsReasons: false,
    published: false,
  },
};

export type TransitionResult =
  | { ok: true; to: FilingStatus; published: boolean }
  | { ok: false; code: 'filing_action_not_yours' | 'filing_illegal_transition' | 'filing_reasons_required' };

export function transition(
  status: FilingStatus,
  action: FilingAction,
  actor: FilingActor,
  reasons?: string | null,
): TransitionResult {
  const rule = TRANSITIONS[action];
  if (rule.by !== actor) return { ok: false, code: 'filing_action_not_yours' };
  if (!rule.from.includes(status)) return { ok: false, code: 'filing_illegal_transition' };
  if (rule.needsReasons && !reasons?.trim()) return { ok: false, code: 'filing_reasons_required' };
  return { ok: true, to: rule.to, published: rule.published };
}

/** The actions open to an actor on a filing in a status: what the console offers as buttons. */
export function availableActions(status: FilingStatus, actor: FilingActor): FilingAction[] {
  return FILING_ACTIONS.filter(
    (action) => TRANSITIONS[action].by === actor && TRANSITIONS[action].from.includes(status),
  );
}

/** Whether the provider may still edit the filed fields and documents. */
export function isEditable(status: FilingStatus): boolean {
  return status === 'draft' || status === 'correction_requested';
}
