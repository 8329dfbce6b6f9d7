import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstAdmissionDateOf, parseFields } from './fields.ts';
import { CHILDCARE_EXAMPLE, ELDERLY_CARE_EXAMPLE } from './fixtures.ts';

const paths = (result: ReturnType<typeof parseFields>) =>
  result.ok ? [] : result.problems.map((p) => p.path);

describe('filed fields per domain', () => {
  it('complete examples of both domains are accepted', () => {
    assert.equal(parseFields('elderly_care', 'initial', ELDERLY_CARE_EXAMPLE).ok, true);
    assert.equal(parseFields('childcare', 'initial', CHILDCARE_EXAMPLE).ok, true);
    assert.equal(parseFields('childcare', 'change', CHILDCARE_EXAMPLE).ok, true);
  });

  it('premises leased for under 3 years are named at premises.termYears', () => {
    const fields = { ...CHILDCARE_EXAMPLE, premises: { tenure: 'leased', termYears: 2 } };
    assert.deepEqual(paths(parseFields('childcare', 'initial', fields)), ['premises.termYears']);
    const free = { ...CHILDCARE_EXAMPLE, premises: { tenure: 'free_use' } };
    assert.deepEqual(
      paths(parseFields('childcare', 'initial', free)),
      ['premises.termYears'],
      'free use needs a term',
    );
    const owned = { ...CHILDCARE_EXAMPLE, premises: { tenure: 'owned' } };
    assert.equal(parseFields('childcare', 'initial', owned).ok, true, 'owned premises need no lease');
  });

  it('video kept under 90 days and a health evaluation other than 合格 are refused', () => {
    const fields = { ...CHILDCARE_EXAMPLE, videoSurveillanceRetentionDays: 60, healthEvaluation: 'failed' };
    assert.deepEqual(paths(parseFields('childcare', 'initial', fields)).sort(), [
      'healthEvaluation',
      'videoSurveillanceRetentionDays',
    ]);
  });

  it('childcare services come from 全日托/半日托/计时托/临时托 and at least one is offered', () => {
    assert.deepEqual(paths(parseFields('childcare', 'initial', { ...CHILDCARE_EXAMPLE, services: [] })), [
      'services',
    ]);
    assert.deepEqual(
      paths(parseFields('childcare', 'initial', { ...CHILDCARE_EXAMPLE, services: ['overnight'] })),
      ['services.0'],
    );
  });

  it('a childcare institution with no places is refused', () => {
    const fields = {
      ...CHILDCARE_EXAMPLE,
      places: { infant: 0, youngToddler: 0, olderToddler: 0, mixed: 0 },
    };
    assert.deepEqual(paths(parseFields('childcare', 'initial', fields)), ['places']);
  });

  it('care-home beds must add up and fee ranges must be ordered', () => {
    const fields = {
      ...ELDERLY_CARE_EXAMPLE,
      beds: { total: 50, nursingType: 60, fullCare: 10, dayCare: 0 },
      fees: { ...ELDERLY_CARE_EXAMPLE.fees, bed: { min: 2000, max: 1000 } },
    };
    assert.deepEqual(paths(parseFields('elderly_care', 'initial', fields)).sort(), [
      'beds.nursingType',
      'fees.bed.max',
    ]);
  });

  it('an elderly filing is not a childcare filing: the schema follows the domain', () => {
    assert.equal(parseFields('childcare', 'initial', ELDERLY_CARE_EXAMPLE).ok, false);
    assert.equal(parseFields('elderly_care', 'initial', CHILDCARE_EXAMPLE).ok, false);
  });

  it('a deregistration says only why and when', () => {
    assert.equal(
      parseFields('elderly_care', 'deregistration', { reason: '场地到期', closedOn: '2026-12-31' }).ok,
      true,
    );
    assert.deepEqual(
      paths(parseFields('elderly_care', 'deregistration', { reason: '', closedOn: '2026-02-30' })).sort(),
      ['closedOn', 'reason'],
    );
  });

  it('the first admission date is read from the fields when declared', () => {
    assert.equal(firstAdmissionDateOf(ELDERLY_CARE_EXAMPLE), '2026-09-25');
    assert.equal(firstAdmissionDateOf(CHILDCARE_EXAMPLE), null);
    assert.equal(firstAdmissionDateOf(null), null);
  });
});
