import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkStatus, inForceOn, isCertified, staffDomain, type CheckFacts } from './rules.ts';

describe("a staff member's domain", () => {
  it('follows the facility, else the statement, else the role', () => {
    assert.deepEqual(staffDomain('nurse', 'childcare', undefined), { domain: 'childcare' });
    assert.deepEqual(staffDomain('nurse', null, 'elderly_care'), { domain: 'elderly_care' });
    assert.deepEqual(staffDomain('carer', null, undefined), { domain: 'elderly_care' });
    assert.deepEqual(staffDomain('childcare_worker', null, undefined), { domain: 'childcare' });
  });

  it('asks for the domain when nothing decides it', () => {
    const decided = staffDomain('social_worker', null, undefined);
    assert.ok('problem' in decided);
    assert.equal(decided.problem.path, 'body.domain');
  });

  it('refuses a childcare worker in an elderly-care facility and a statement against the facility', () => {
    const worker = staffDomain('childcare_worker', 'elderly_care', undefined);
    assert.ok('problem' in worker);
    assert.equal(worker.problem.path, 'body.role');
    const stated = staffDomain('nurse', 'elderly_care', 'childcare');
    assert.ok('problem' in stated);
    assert.equal(stated.problem.path, 'body.domain');
  });
});

describe('dates in force', () => {
  it('includes both the first and the last day', () => {
    assert.equal(inForceOn('2024-01-01', '2024-12-31', '2024-01-01'), true);
    assert.equal(inForceOn('2024-01-01', '2024-12-31', '2024-12-31'), true);
    assert.equal(inForceOn('2024-01-01', '2024-12-31', '2025-01-01'), false);
    assert.equal(inForceOn('2024-01-01', null, '2099-01-01'), true);
  });
});

describe('certified', () => {
  it('counts a qualification in force, not a health certificate', () => {
    const health = { certificateType: 'health_certificate' as const, validFrom: '2024-01-01', validTo: null };
    const carer = {
      certificateType: 'elderly_carer' as const,
      validFrom: '2024-01-01',
      validTo: '2024-06-30',
    };
    assert.equal(isCertified([health], '2024-03-01'), false);
    assert.equal(isCertified([health, carer], '2024-03-01'), true);
    assert.equal(isCertified([health, carer], '2024-07-01'), false);
  });
});

describe('checks the childcare standards require', () => {
  const health: CheckFacts = {
    kind: 'health_certificate',
    result: 'passed',
    checkedOn: '2024-01-10',
    validTo: '2025-01-09',
  };
  const noAbuse: CheckFacts = {
    kind: 'no_abuse_record',
    result: 'passed',
    checkedOn: '2024-01-05',
    validTo: null,
  };

  it('a childcare worker without them is incomplete, with both in force complete', () => {
    assert.deepEqual(checkStatus('childcare', [], [], '2024-06-01'), {
      required: ['health_certificate', 'no_abuse_record'],
      missing: ['health_certificate', 'no_abuse_record'],
      complete: false,
    });
    assert.equal(checkStatus('childcare', [], [health], '2024-06-01').complete, false);
    assert.equal(checkStatus('childcare', [], [health, noAbuse], '2024-06-01').complete, true);
  });

  it('a health certificate that has lapsed no longer counts', () => {
    assert.deepEqual(checkStatus('childcare', [], [health, noAbuse], '2025-01-10').missing, [
      'health_certificate',
    ]);
  });

  it('a later failed check overrides an earlier pass', () => {
    const failed: CheckFacts = { ...noAbuse, result: 'failed', checkedOn: '2024-03-01' };
    assert.deepEqual(checkStatus('childcare', [], [health, noAbuse, failed], '2024-06-01').missing, [
      'no_abuse_record',
    ]);
    assert.equal(checkStatus('childcare', [], [health, noAbuse, failed], '2024-02-01').complete, true);
  });

  it('a health certificate recorded among the certificates counts as the health check', () => {
    const certificate = {
      certificateType: 'health_certificate' as const,
      validFrom: '2024-01-01',
      validTo: '2024-12-31',
    };
    assert.equal(checkStatus('childcare', [certificate], [noAbuse], '2024-06-01').complete, true);
  });

  it('elderly-care staff need none of them', () => {
    assert.deepEqual(checkStatus('elderly_care', [], [], '2024-06-01'), {
      required: [],
      missing: [],
      complete: true,
    });
  });
});
