import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ageOn,
  birthDateRange,
  capabilityProblems,
  chinaDate,
  conditionEndProblem,
  conditionProblems,
  holdsOn,
  yearsBefore,
} from './rules.ts';

describe('people rules', () => {
  it('takes "today" in China: 16:30 UTC on 31 December is already 1 January in UTC+8', () => {
    assert.equal(chinaDate(new Date('2025-12-31T16:30:00Z')), '2026-01-01');
    assert.equal(chinaDate(new Date('2025-12-31T15:59:59Z')), '2025-12-31');
  });

  it('counts ages in completed years, the birthday itself counting', () => {
    assert.equal(ageOn('1946-01-15', '2026-01-14'), 79);
    assert.equal(ageOn('1946-01-15', '2026-01-15'), 80);
    assert.equal(ageOn('2023-06-01', '2026-05-31'), 2);
    assert.equal(ageOn('2023-06-01', '2026-06-01'), 3);
  });

  it('lets someone born on 29 February come of age on 1 March in a common year', () => {
    assert.equal(ageOn('2024-02-29', '2027-02-28'), 2);
    assert.equal(ageOn('2024-02-29', '2027-03-01'), 3);
    assert.equal(ageOn('2024-02-29', '2028-02-29'), 4);
  });

  it('steps back whole years the way PostgreSQL does, 29 February falling back to the 28th', () => {
    assert.equal(yearsBefore('2026-01-15', 60), '1966-01-15');
    assert.equal(yearsBefore('2028-02-29', 1), '2027-02-28');
    assert.equal(yearsBefore('2028-02-29', 4), '2024-02-29');
  });

  it('turns an age band into the birth-date range that agrees with ageOn on every day around the edges', () => {
    const on = '2027-02-28';
    const { bornOnOrBefore, bornAfter } = birthDateRange(on, 3, 5);
    const start = new Date('2020-01-01T00:00:00Z');
    for (let day = 0; day < 3 * 366; day++) {
      const birth = new Date(start.getTime() + day * 86_400_000).toISOString().slice(0, 10);
      const inRange = birth <= bornOnOrBefore! && birth > bornAfter!;
      const age = ageOn(birth, on);
      assert.equal(inRange, age >= 3 && age <= 5, `born ${birth}, age ${age}`);
    }
    assert.deepEqual(birthDateRange(on), {});
    assert.deepEqual(Object.keys(birthDateRange(on, 60)), ['bornOnOrBefore']);
  });

  it('treats periods as [from, to): the end day is the first day the condition no longer holds', () => {
    assert.equal(holdsOn({ from: '2025-01-01', to: null }, '2025-01-01'), true);
    assert.equal(holdsOn({ from: '2025-01-01', to: null }, '2024-12-31'), false);
    assert.equal(holdsOn({ from: '2025-01-01', to: '2025-07-01' }, '2025-06-30'), true);
    assert.equal(holdsOn({ from: '2025-01-01', to: '2025-07-01' }, '2025-07-01'), false);
  });

  it('asks for a grade with a disability and refuses one on anything else', () => {
    assert.deepEqual(
      conditionProblems({ kind: 'disability', validFrom: '2025-01-01' }).map((p) => p.path),
      ['body.disabilityGrade'],
    );
    assert.deepEqual(
      conditionProblems({ kind: 'disability', disabilityGrade: 2, validFrom: '2025-01-01' }),
      [],
    );
    assert.deepEqual(
      conditionProblems({ kind: 'dementia', disabilityGrade: 2, validFrom: '2025-01-01' }).map((p) => p.path),
      ['body.disabilityGrade'],
    );
  });

  it('refuses a new condition that ends before it starts or on its first day', () => {
    for (const validTo of ['2024-12-31', '2025-01-01']) {
      assert.deepEqual(
        conditionProblems({ kind: 'low_income', validFrom: '2025-01-01', validTo }).map((p) => p.path),
        ['body.validTo'],
      );
    }
    assert.deepEqual(
      conditionProblems({ kind: 'low_income', validFrom: '2025-01-01', validTo: '2025-01-02' }),
      [],
    );
  });

  it('ends a condition on or after its start and before an end already set, else says why', () => {
    assert.equal(conditionEndProblem({ from: '2025-01-01', to: null }, '2025-01-01'), null);
    assert.equal(conditionEndProblem({ from: '2025-01-01', to: '2026-01-01' }, '2025-06-01'), null);
    assert.equal(conditionEndProblem({ from: '2025-01-01', to: null }, '2024-12-31')?.status, 400);
    assert.equal(conditionEndProblem({ from: '2025-01-01', to: '2025-06-01' }, '2025-06-01')?.status, 409);
  });

  it('keeps a capability level and its assessment date together, and the date not in the future', () => {
    const today = '2026-01-15';
    assert.deepEqual(capabilityProblems({}, today), []);
    assert.deepEqual(
      capabilityProblems({ capabilityLevel: 2, capabilityAssessedOn: '2026-01-10' }, today),
      [],
    );
    assert.deepEqual(capabilityProblems({ capabilityLevel: null, capabilityAssessedOn: null }, today), []);
    assert.deepEqual(
      capabilityProblems({ capabilityLevel: 2 }, today).map((p) => p.path),
      ['body.capabilityAssessedOn'],
    );
    assert.deepEqual(
      capabilityProblems({ capabilityLevel: null, capabilityAssessedOn: '2026-01-10' }, today).map(
        (p) => p.path,
      ),
      ['body.capabilityLevel'],
    );
    assert.deepEqual(
      capabilityProblems({ capabilityLevel: 1, capabilityAssessedOn: '2026-01-16' }, today).map(
        (p) => p.path,
      ),
      ['body.capabilityAssessedOn'],
    );
  });
});
