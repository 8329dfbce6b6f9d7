import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  availableActions,
  FILING_ACTIONS,
  FILING_STATUSES,
  isEditable,
  transition,
  TRANSITIONS,
  type FilingStatus,
} from './state-machine.ts';

describe('filing state machine', () => {
  it('the happy path: draft → submitted → received → approved', () => {
    let status: FilingStatus = 'draft';
    for (const [action, actor, to] of [
      ['submit', 'provider', 'submitted'],
      ['receive', 'reviewer', 'received'],
      ['approve', 'reviewer', 'approved'],
    ] as const) {
      const result = transition(status, action, actor);
      assert.deepEqual(result, { ok: true, to, published: false }, action);
      status = to;
    }
  });

  it('a correction loop: received → correction_requested → submitted again', () => {
    assert.deepEqual(transition('received', 'request_correction', 'reviewer', '缺少消防证明'), {
      ok: true,
      to: 'correction_requested',
      published: false,
    });
    assert.equal(transition('correction_requested', 'resubmit', 'provider').ok, true);
    assert.equal(transition('correction_requested', 'submit', 'provider').ok, false, 'resubmit, not submit');
  });

  it('refusals need reasons and are published', () => {
    assert.deepEqual(transition('received', 'notify_non_compliance', 'reviewer'), {
      ok: false,
      code: 'filing_reasons_required',
    });
    assert.deepEqual(transition('received', 'notify_non_compliance', 'reviewer', '   '), {
      ok: false,
      code: 'filing_reasons_required',
    });
    assert.deepEqual(transition('submitted', 'reject', 'reviewer', '材料虚假'), {
      ok: true,
      to: 'rejected',
      published: true,
    });
    assert.equal(
      transition('received', 'request_correction', 'reviewer').ok,
      false,
      'correction needs reasons',
    );
  });

  it('illegal transitions are refused with a clear code', () => {
    assert.deepEqual(transition('draft', 'approve', 'reviewer'), {
      ok: false,
      code: 'filing_illegal_transition',
    });
    assert.deepEqual(transition('submitted', 'approve', 'reviewer'), {
      ok: false,
      code: 'filing_illegal_transition',
    });
    assert.deepEqual(transition('approved', 'withdraw', 'provider'), {
      ok: false,
      code: 'filing_illegal_transition',
    });
    assert.deepEqual(transition('received', 'receive', 'reviewer'), {
      ok: false,
      code: 'filing_illegal_transition',
    });
  });

  it('each side may only take its own actions', () => {
    assert.deepEqual(transition('submitted', 'receive', 'provider'), {
      ok: false,
      code: 'filing_action_not_yours',
    });
    assert.deepEqual(transition('draft', 'submit', 'reviewer'), {
      ok: false,
      code: 'filing_action_not_yours',
    });
  });

  it('decided and withdrawn filings are final', () => {
    for (const status of ['approved', 'rejected', 'withdrawn'] as const) {
      assert.deepEqual(availableActions(status, 'provider'), [], status);
      assert.deepEqual(availableActions(status, 'reviewer'), [], status);
      for (const action of FILING_ACTIONS) {
        assert.equal(
          transition(status, action, TRANSITIONS[action].by, 'x').ok,
          false,
          `${status} ${action}`,
        );
      }
    }
  });

  it('every status but the final ones offers some action, and only drafts and corrections are editable', () => {
    for (const status of FILING_STATUSES) {
      const actions = [...availableActions(status, 'provider'), ...availableActions(status, 'reviewer')];
      assert.equal(actions.length > 0, !['approved', 'rejected', 'withdrawn'].includes(status), status);
    }
    assert.deepEqual(FILING_STATUSES.filter(isEditable), ['draft', 'correction_requested']);
    assert.deepEqual(availableActions('received', 'reviewer'), [
      'request_correction',
      'approve',
      'reject',
      'notify_non_compliance',
    ]);
  });
});
