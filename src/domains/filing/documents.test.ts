import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  contentMatchesType,
  decodeBase64,
  DOCUMENT_BODY_LIMIT,
  MAX_DOCUMENT_BYTES,
  missingDocuments,
  requiredDocuments,
  sha256Hex,
} from './documents.ts';
import { CHILDCARE_EXAMPLE, TINY_PDF, TINY_PNG } from './fixtures.ts';

describe('filing documents', () => {
  it('the declared type must match the bytes', () => {
    assert.equal(contentMatchesType(TINY_PDF, 'application/pdf'), true);
    assert.equal(contentMatchesType(TINY_PNG, 'image/png'), true);
    assert.equal(contentMatchesType(TINY_PNG, 'application/pdf'), false);
    assert.equal(
      contentMatchesType(Buffer.from('MZ\x90\x00'), 'image/jpeg'),
      false,
      'an executable is no JPEG',
    );
    assert.equal(contentMatchesType(Buffer.alloc(0), 'image/jpeg'), false);
  });

  it('the checksum is the SHA-256 of the bytes', () => {
    assert.equal(
      sha256Hex(Buffer.from('abc')),
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('base64 is decoded strictly: stray characters are refused, not skipped', () => {
    assert.deepEqual(decodeBase64(TINY_PDF.toString('base64')), TINY_PDF);
    assert.deepEqual(decodeBase64('YWJj\nZA=='), Buffer.from('abcd'), 'line breaks are fine');
    assert.equal(decodeBase64('YWJj*ZA=='), null);
    assert.equal(decodeBase64('YWJjZA='), null, 'bad padding');
  });

  it('the body limit leaves room for a 10 MiB file in base64', () => {
    assert.ok(DOCUMENT_BODY_LIMIT > Buffer.alloc(MAX_DOCUMENT_BYTES).toString('base64').length + 1000);
  });

  it('childcare needs the health evaluation and staff proofs; a food licence only when meals are cooked', () => {
    const required = requiredDocuments('childcare', 'initial', CHILDCARE_EXAMPLE);
    assert.ok(required.includes('health_evaluation') && required.includes('staff_qualifications'));
    assert.ok(required.includes('food_licence'));
    const noMeals = requiredDocuments('childcare', 'initial', {
      ...CHILDCARE_EXAMPLE,
      foodLicence: 'no_meals',
    });
    assert.ok(!noMeals.includes('food_licence'));
    assert.ok(!requiredDocuments('elderly_care', 'initial', {}).includes('health_evaluation'));
    assert.deepEqual(requiredDocuments('childcare', 'deregistration', {}), ['deregistration_notice']);
  });

  it('missing documents are those required and not present', () => {
    assert.deepEqual(
      missingDocuments(['filing_form', 'commitment', 'fire_safety'], ['commitment', 'other']),
      ['filing_form', 'fire_safety'],
    );
  });
});
