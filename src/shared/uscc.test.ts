import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeUscc, parseUscc, usccCheckChar } from './uscc.ts';

test('known valid code', () => {
  assert.deepEqual(parseUscc('91110000600037341L'), { ok: true, value: '91110000600037341L' });
  assert.equal(usccCheckChar('91110000600037341'), 'L');
});

test('lowercase is accepted and normalised', () => {
  assert.deepEqual(parseUscc(' 91110000600037341l '), { ok: true, value: '91110000600037341L' });
});

test('wrong check char', () => {
  assert.deepEqual(parseUscc('91110000600037341M'), { ok: false, problem: 'check_digit' });
  assert.deepEqual(parseUscc('91110000600037342L'), { ok: false, problem: 'check_digit' });
});

test('format errors', () => {
  for (const raw of [
    '91110000600037341',
    '91110000600037341LL',
    '9111000060003734IL',
    '91110000600037341O',
    '',
  ]) {
    assert.deepEqual(parseUscc(raw), { ok: false, problem: 'format' }, raw);
  }
});

test('prefixes are not whitelisted', () => {
  const code = makeUscc('Y1110000600037341');
  assert.equal(parseUscc(code).ok, true);
});

test('makeUscc and usccCheckChar', () => {
  for (const first17 of ['12100000400010398', '52110000500000000', 'a1b2c3d4e5f6g7h8j']) {
    const code = makeUscc(first17);
    assert.equal(code.length, 18);
    assert.deepEqual(parseUscc(code), { ok: true, value: code });
  }
  assert.throws(() => usccCheckChar('9111000060003734'));
  assert.throws(() => makeUscc('9111000060003734I'));
});
