import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OFFICIAL_ARRANGEMENTS } from '../calendar/official-arrangements.ts';
import { workingCalendar } from '../calendar/working-days.ts';
import {
  filingDeadlines,
  overdueSteps,
  ruleFor,
  type DeadlineRule,
  type FilingTimeline,
} from './deadlines.ts';

const calendar = workingCalendar(OFFICIAL_ARRANGEMENTS);
const NATIONAL: DeadlineRule[] = [
  {
    id: 1,
    regionCode: null,
    domain: 'childcare',
    step: 'receipt',
    workingDays: 5,
    validFrom: '2019-10-08',
    validTo: null,
  },
  {
    id: 2,
    regionCode: null,
    domain: 'childcare',
    step: 'non_compliance_notice',
    workingDays: 15,
    validFrom: '2019-10-08',
    validTo: null,
  },
  {
    id: 3,
    regionCode: null,
    domain: 'elderly_care',
    step: 'filing_due_after_first_admission',
    workingDays: 10,
    validFrom: '2020-11-01',
    validTo: null,
  },
];

const childcare = (events: FilingTimeline['events'], status: FilingTimeline['status']): FilingTimeline => ({
  kind: 'initial',
  domain: 'childcare',
  regionCode: '340603',
  status,
  firstAdmissionDate: null,
  events,
});

describe('deadline rules as data', () => {
  it('a city override beats the national default while it is in force', () => {
    const rules: DeadlineRule[] = [
      ...NATIONAL,
      {
        id: 9,
        regionCode: '3406',
        domain: 'childcare',
        step: 'receipt',
        workingDays: 3,
        validFrom: '2026-01-01',
        validTo: '2027-01-01',
      },
    ];
    const want = { domain: 'childcare', step: 'receipt', regionCode: '340603' } as const;
    assert.equal(ruleFor(rules, { ...want, on: '2026-05-01' })?.workingDays, 3, '淮北 in 2026');
    assert.equal(ruleFor(rules, { ...want, on: '2025-12-31' })?.workingDays, 5, 'before the override');
    assert.equal(ruleFor(rules, { ...want, on: '2027-01-01' })?.workingDays, 5, 'valid_to is exclusive');
    assert.equal(ruleFor(rules, { ...want, regionCode: '340100', on: '2026-05-01' })?.workingDays, 5, '合肥');
  });

  it('no rule, no deadline: elderly care has no national receipt deadline', () => {
    assert.equal(
      ruleFor(NATIONAL, { domain: 'elderly_care', step: 'receipt', regionCode: '340603', on: '2026-05-01' }),
      null,
    );
    assert.equal(
      ruleFor(NATIONAL, { domain: 'childcare', step: 'receipt', regionCode: '340603', on: '2019-01-01' }),
      null,
    );
  });
});

describe('filing deadlines', () => {
  it('submitted 2026-09-30: receipt due 13 October (after 国庆, the worked Saturday counted), decision 15 working days', () => {
    const steps = filingDeadlines(
      childcare([{ action: 'submit', on: '2026-09-30' }], 'submitted'),
      NATIONAL,
      calendar,
      '2026-10-09',
    );
    const receipt = steps.find((step) => step.step === 'receipt')!;
    assert.equal(receipt.dueOn, '2026-10-13');
    assert.equal(receipt.state, 'pending');
    const notice = steps.find((step) => step.step === 'non_compliance_notice')!;
    // 8, 9, 10(Sat), 12–16, 19–23, 26, 27 → the 15th working day is 27 October.
    assert.equal(notice.dueOn, '2026-10-27');
  });

  it('a receipt not given by the due date is overdue, by working days', () => {
    const timeline = childcare([{ action: 'submit', on: '2026-09-30' }], 'submitted');
    const [receipt] = filingDeadlines(timeline, NATIONAL, calendar, '2026-10-13');
    assert.equal(receipt.state, 'pending', 'the due day itself is still on time');
    const late = filingDeadlines(timeline, NATIONAL, calendar, '2026-10-15');
    assert.equal(late[0].state, 'overdue');
    assert.equal(late[0].workingDaysLate, 2);
    assert.deepEqual(
      overdueSteps(late).map((step) => step.step),
      ['receipt'],
    );
  });

  it('a receipt given on time is done; the decision clock keeps running until a decision', () => {
    const steps = filingDeadlines(
      childcare(
        [
          { action: 'submit', on: '2026-09-30' },
          { action: 'receive', on: '2026-10-12' },
        ],
        'received',
      ),
      NATIONAL,
      calendar,
      '2026-10-28',
    );
    assert.deepEqual(
      steps.map((step) => [step.step, step.state, step.doneOn]),
      [
        ['receipt', 'done', '2026-10-12'],
        ['non_compliance_notice', 'overdue', null],
      ],
    );
  });

  it('a late receipt stays visible as done_late', () => {
    const [receipt] = filingDeadlines(
      childcare(
        [
          { action: 'submit', on: '2026-09-30' },
          { action: 'receive', on: '2026-10-14' },
        ],
        'received',
      ),
      NATIONAL,
      calendar,
      '2026-10-14',
    );
    assert.equal(receipt.state, 'done_late');
    assert.equal(receipt.workingDaysLate, 1);
  });

  it('a correction restarts the clock from the resubmission', () => {
    const steps = filingDeadlines(
      childcare(
        [
          { action: 'submit', on: '2026-03-02' },
          { action: 'request_correction', on: '2026-03-04' },
          { action: 'resubmit', on: '2026-09-30' },
        ],
        'submitted',
      ),
      NATIONAL,
      calendar,
      '2026-10-01',
    );
    assert.equal(steps[0].from, '2026-09-30');
    assert.equal(steps[0].dueOn, '2026-10-13');
    assert.equal(steps[0].state, 'pending');
  });

  it('a withdrawn filing closes its open steps instead of alerting', () => {
    const steps = filingDeadlines(
      childcare(
        [
          { action: 'submit', on: '2026-03-02' },
          { action: 'withdraw', on: '2026-03-03' },
        ],
        'withdrawn',
      ),
      NATIONAL,
      calendar,
      '2026-12-01',
    );
    assert.deepEqual(
      steps.map((step) => step.state),
      ['closed', 'closed'],
    );
    assert.deepEqual(overdueSteps(steps), []);
  });

  it('a care home must file within 10 working days after its first resident moved in', () => {
    const home = (events: FilingTimeline['events'], status: FilingTimeline['status']): FilingTimeline => ({
      kind: 'initial',
      domain: 'elderly_care',
      regionCode: '340603',
      status,
      firstAdmissionDate: '2026-09-25',
      events,
    });
    // 25 Sep (Fri, 中秋) → 28, 29, 30 Sep, then 8, 9, 10 (Sat, worked), 12, 13, 14, 15 Oct.
    const waiting = filingDeadlines(home([], 'draft'), NATIONAL, calendar, '2026-10-16');
    assert.deepEqual(
      waiting.map((step) => [step.step, step.dueOn, step.state]),
      [['filing_due_after_first_admission', '2026-10-15', 'overdue']],
    );
    const filed = filingDeadlines(
      home([{ action: 'submit', on: '2026-10-09' }], 'submitted'),
      NATIONAL,
      calendar,
      '2026-12-01',
    );
    assert.deepEqual(
      filed.map((step) => step.state),
      ['done'],
      'no receipt rule for elderly care',
    );
    const change = filingDeadlines(
      { ...home([], 'draft'), kind: 'change' },
      NATIONAL,
      calendar,
      '2026-12-01',
    );
    assert.deepEqual(change, [], 'only the initial filing is due after the first admission');
  });

  it('a due date in a year without a published arrangement is marked provisional', () => {
    const [receipt] = filingDeadlines(
      childcare([{ action: 'submit', on: '2026-12-29' }], 'submitted'),
      NATIONAL,
      calendar,
      '2026-12-29',
    );
    assert.equal(receipt.dueOn, '2027-01-05');
    assert.equal(receipt.provisional, true);
  });
});
