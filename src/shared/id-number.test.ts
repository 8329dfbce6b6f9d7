import { test } from 'node:test';
import assert from 'node:assert/strict';
import { idNumberCheckChar, makeIdNumber, maskIdNumber, parseIdNumber } from './id-number.ts';

const TODAY = new Date('2024-06-01T12:00:00Z');

test('valid number with X check char, female', () => {
  const r = parseIdNumber('11010519491231002X', TODAY);
  assert.deepEqual(r, {
    ok: true,
    value: '11010519491231002X',
    birthDate: '1949-12-31',
    sex: 'female',
    addressCode: '110105',
  });
});

test('valid number, male', () => {
  const r = parseIdNumber('110101199003074477', TODAY);
  assert.equal(r.ok, true);
  if (r.ok) {
    assert.equal(r.sex, 'male');
    assert.equal(r.birthDate, '1990-03-07');
  }
});

test('lowercase x and surrounding whitespace are normalised', () => {
  const r = parseIdNumber('  11010519491231002x\n', TODAY);
  assert.equal(r.ok && r.value, '11010519491231002X');
});

test('wrong check digit', () => {
  assert.deepEqual(parseIdNumber('110101199003074478', TODAY), { ok: false, problem: 'check_digit' });
  assert.deepEqual(parseIdNumber('110105194912310021', TODAY), { ok: false, problem: 'check_digit' });
});

test('impossible birth date with otherwise correct check char', () => {
  const first17 = '11010119900230447';
  assert.deepEqual(parseIdNumber(first17 + idNumberCheckChar(first17), TODAY), {
    ok: false,
    problem: 'birth_date',
  });
});

test('birth date in the future or before 1880', () => {
  const tomorrow = '11010120240602001';
  assert.deepEqual(parseIdNumber(tomorrow + idNumberCheckChar(tomorrow), TODAY), {
    ok: false,
    problem: 'birth_date',
  });
  const old = '11010118791231001';
  assert.deepEqual(parseIdNumber(old + idNumberCheckChar(old), TODAY), { ok: false, problem: 'birth_date' });
  assert.equal(parseIdNumber(makeIdNumber('110101', '2024-06-01', 1), TODAY).ok, true);
  assert.equal(parseIdNumber(makeIdNumber('110101', '1880-01-01', 1), TODAY).ok, true);
});

test('leap days', () => {
  assert.equal(parseIdNumber(makeIdNumber('110101', '2000-02-29', 5), TODAY).ok, true);
  const notLeap = '11010119000229005';
  assert.deepEqual(parseIdNumber(notLeap + idNumberCheckChar(notLeap), TODAY), {
    ok: false,
    problem: 'birth_date',
  });
});

test('unknown province code', () => {
  const first17 = '99010119900307447';
  assert.deepEqual(parseIdNumber(first17 + idNumberCheckChar(first17), TODAY), {
    ok: false,
    problem: 'address_code',
  });
});

test('format errors', () => {
  for (const raw of [
    '11010519491231002',
    '1101051949123100211',
    '11010519491231002Y',
    'X10105194912310021',
    '',
  ]) {
    assert.deepEqual(parseIdNumber(raw, TODAY), { ok: false, problem: 'format' }, raw);
  }
});

test('idNumberCheckChar', () => {
  assert.equal(idNumberCheckChar('11010519491231002'), 'X');
  assert.equal(idNumberCheckChar('11010119900307447'), '7');
  assert.throws(() => idNumberCheckChar('1101011990030744'));
});

test('maskIdNumber', () => {
  assert.equal(maskIdNumber('340602199001011234'), '340602********1234');
  assert.equal(maskIdNumber('short'), '*****');
});

test('makeIdNumber builds valid numbers and rejects bad input', () => {
  const id = makeIdNumber('340602', '1950-10-01', 13);
  assert.equal(id.slice(0, 17), '34060219501001013');
  const r = parseIdNumber(id, TODAY);
  assert.equal(r.ok && r.sex, 'male');
  assert.equal(parseIdNumber(makeIdNumber('340602', '1950-10-01', 0), TODAY).ok && 'ok', 'ok');
  assert.throws(() => makeIdNumber('34060', '1950-10-01', 1));
  assert.throws(() => makeIdNumber('340602', '1950-02-30', 1));
  assert.throws(() => makeIdNumber('340602', '1950-10-01', 1000));
  assert.throws(() => makeIdNumber('340602', '1950-10-01', 1.5));
});
