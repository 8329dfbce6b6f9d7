import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeIdNumber } from '../../shared/id-number.ts';
import { SeenIdNumbers } from './seen-id-numbers.ts';

const idOf = (i: number) =>
  makeIdNumber(
    ['340602', '340603', '110101', '650102'][i % 4],
    new Date(Date.UTC(1930, 0, 1) + Math.floor(i / 4) * 86_400_000).toISOString().slice(0, 10),
    Math.floor(i / 100_000) % 1000,
  );

describe('ID numbers seen in a file', () => {
  it('names the first row of every repeat and never mistakes two numbers for one, across its growth', () => {
    const seen = new SeenIdNumbers();
    const n = 60_000; // far beyond the first table size: it grows several times
    for (let i = 0; i < n; i++) assert.equal(seen.firstRow(idOf(i), i + 2), undefined, `row ${i + 2} is new`);
    for (let i = 0; i < n; i += 7) assert.equal(seen.firstRow(idOf(i), n + 10 + i), i + 2);
    // Numbers differing only in the sequence digits are different numbers.
    const a = makeIdNumber('340603', '1950-01-01', 1);
    const b = makeIdNumber('340603', '1950-01-01', 2);
    assert.equal(seen.firstRow(a, 900_001), undefined);
    assert.equal(seen.firstRow(b, 900_002), undefined);
    assert.equal(seen.firstRow(b, 900_003), 900_002);
  });
});
