import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  decryptPersonalData,
  encryptPersonalData,
  makeDevelopmentKeys,
  parsePersonalDataKeys,
  personalDataHash,
} from './personal-data.ts';

const b64 = (n: number) => randomBytes(n).toString('base64');

test('round trip', () => {
  const keys = makeDevelopmentKeys();
  for (const value of ['11010519491231002X', '', '张三 ✓']) {
    const { cipher, keyId } = encryptPersonalData(keys, value);
    assert.equal(keyId, keys.current);
    assert.equal(decryptPersonalData(keys, cipher, keyId), value);
  }
});

test('two encryptions of the same value differ', () => {
  const keys = makeDevelopmentKeys();
  const a = encryptPersonalData(keys, '11010519491231002X');
  const b = encryptPersonalData(keys, '11010519491231002X');
  assert.notDeepEqual(a.cipher, b.cipher);
  assert.equal(a.cipher.length, 12 + 16 + 18);
});

test('tampering is detected', () => {
  const keys = makeDevelopmentKeys();
  const { cipher, keyId } = encryptPersonalData(keys, '11010519491231002X');
  for (const pos of [0, 12, 28, cipher.length - 1]) {
    const bad = Buffer.from(cipher);
    bad[pos] ^= 1;
    assert.throws(() => decryptPersonalData(keys, bad, keyId), Error, `byte ${pos}`);
  }
  assert.throws(() => decryptPersonalData(keys, cipher.subarray(0, 20), keyId));
});

test('key id is bound as AAD', () => {
  const k = b64(32);
  const keys = parsePersonalDataKeys(`a:${k},b:${k}`, b64(32));
  const { cipher } = encryptPersonalData(keys, 'secret');
  assert.equal(decryptPersonalData(keys, cipher, 'a'), 'secret');
  assert.throws(() => decryptPersonalData(keys, cipher, 'b'));
});

test('rotation: old ciphertext still decrypts with new current key', () => {
  const oldKey = b64(32);
  const hashKey = b64(32);
  const before = parsePersonalDataKeys(`k2024:${oldKey}`, hashKey);
  const old = encryptPersonalData(before, '110101199003074477');
  const after = parsePersonalDataKeys(`k2025:${b64(32)},k2024:${oldKey}`, hashKey);
  assert.equal(after.current, 'k2025');
  assert.equal(decryptPersonalData(after, old.cipher, old.keyId), '110101199003074477');
  const fresh = encryptPersonalData(after, 'x');
  assert.equal(fresh.keyId, 'k2025');
  assert.equal(decryptPersonalData(after, fresh.cipher, fresh.keyId), 'x');
});

test('unknown key id throws', () => {
  const keys = makeDevelopmentKeys();
  const { cipher } = encryptPersonalData(keys, 'x');
  assert.throws(() => decryptPersonalData(keys, cipher, 'nope'), /unknown personal data key id/);
  assert.throws(() => decryptPersonalData(keys, cipher, 'constructor'), /unknown personal data key id/);
});

test('hash is deterministic and depends on the hash key', () => {
  const a = makeDevelopmentKeys();
  assert.deepEqual(personalDataHash(a, '11010519491231002X'), personalDataHash(a, '11010519491231002X'));
  assert.equal(personalDataHash(a, 'v').length, 32);
  assert.notDeepEqual(personalDataHash(a, 'v'), personalDataHash(a, 'w'));
  const b = { ...a, hashKey: randomBytes(32) };
  assert.notDeepEqual(personalDataHash(a, 'v'), personalDataHash(b, 'v'));
});

test('development keys are deterministic', () => {
  assert.deepEqual(makeDevelopmentKeys(), makeDevelopmentKeys());
});

test('parse errors for bad specs', () => {
  const good = b64(32);
  const hash = b64(32);
  const bad: Array<[string, string, RegExp]> = [
    ['', hash, /no empty entries/],
    [`a:${good},`, hash, /no empty entries/],
    [good, hash, /missing "keyId:"/],
    [`A:${good}`, hash, /key id must match/],
    [`${'a'.repeat(33)}:${good}`, hash, /key id must match/],
    [`:${good}`, hash, /key id must match/],
    [`a:${b64(16)}`, hash, /exactly 32 bytes/],
    [`a:${b64(33)}`, hash, /exactly 32 bytes/],
    [`a:not*base64`, hash, /exactly 32 bytes/],
    [`a:${good},a:${good}`, hash, /listed twice/],
    [`a:${good}`, b64(31), /at least 32 bytes/],
    [`a:${good}`, '', /at least 32 bytes/],
  ];
  for (const [spec, hashSpec, re] of bad) {
    assert.throws(() => parsePersonalDataKeys(spec, hashSpec), re, spec);
  }
  const ok = parsePersonalDataKeys(` a-1:${good} , b_2:${b64(32)}`, b64(64));
  assert.equal(ok.current, 'a-1');
  assert.deepEqual(Object.keys(ok.keys), ['a-1', 'b_2']);
  assert.equal(ok.hashKey.length, 64);
});
