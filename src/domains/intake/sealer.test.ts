import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openIdNumber } from '../people/id-number-field.ts';
import { makeDevelopmentKeys, personalDataHash, type PersonalDataKeys } from '../../shared/personal-data.ts';
import { IdNumberSealer } from './sealer.ts';

describe('bulk ID number sealing', () => {
  it('makes what the registry reads back: the same keyed hash and a ciphertext openIdNumber opens', () => {
    const keys = makeDevelopmentKeys();
    const sealer = new IdNumberSealer(keys);
    const value = '34060319400305002X';
    const sealed = sealer.seal(value);
    assert.deepEqual(sealed.hash, personalDataHash(keys, value));
    assert.equal(sealed.keyId, keys.current);
    assert.equal(openIdNumber(keys, sealed.cipher, sealed.keyId), value);
    assert.ok(!sealed.cipher.toString('latin1').includes('340603'));
  });

  it('never reuses an IV, across refills of its random buffer', () => {
    const sealer = new IdNumberSealer(makeDevelopmentKeys());
    const ivs = new Set<string>();
    for (let i = 0; i < 10_000; i++)
      ivs.add(sealer.seal('340603194003050029').cipher.subarray(0, 12).toString('hex'));
    assert.equal(ivs.size, 10_000);
  });

  it('hashes with keys longer than a SHA-256 block as HMAC does', () => {
    const base = makeDevelopmentKeys();
    const keys: PersonalDataKeys = { ...base, hashKey: Buffer.alloc(100, 7) };
    assert.deepEqual(
      new IdNumberSealer(keys).hash('340603194003050029'),
      personalDataHash(keys, '340603194003050029'),
    );
  });
});
