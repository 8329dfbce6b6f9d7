import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rakeToTotals, scaleToTotal } from './raking.ts';

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('scaling small areas to a control total', () => {
  it('keeps proportions and gives the units left over to the largest remainders', () => {
    // Exact shares 33.33…, 33.33…, 33.33… of 100: one unit left, to the first of the tied parts.
    assert.deepEqual(scaleToTotal([1, 1, 1], 100), [34, 33, 33]);
    // Shares 10.5, 20.7, 30.8 of 62: floors 10, 20, 30; two units go to 30.8 and 20.7.
    assert.deepEqual(scaleToTotal([10.5, 20.7, 30.8], 62), [10, 21, 31]);
  });

  it('adds up to the total exactly whatever the weights', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 1000;
    for (let trial = 0; trial < 200; trial++) {
      const weights = Array.from({ length: 1 + (trial % 9) }, random);
      const total = Math.floor(random() * 1000);
      const parts = scaleToTotal(weights, total);
      assert.equal(sum(parts), total);
      assert.ok(
        parts.every(
          (part, i) => Number.isInteger(part) && Math.abs(part - (weights[i] / sum(weights)) * total) < 1,
        ),
      );
    }
  });

  it('shares evenly when every weight is zero, and refuses a fractional total', () => {
    assert.deepEqual(scaleToTotal([0, 0, 0, 0], 6), [2, 2, 1, 1]);
    assert.throws(() => scaleToTotal([1, 2], 2.5), RangeError);
    assert.throws(() => scaleToTotal([], 3), RangeError);
  });

  it('rakes children cell by cell so each cell sums to the parent', () => {
    const children = [
      [10.4, 0, 5],
      [20.2, 3, 5],
      [30.1, 1, 0],
    ];
    const scaled = rakeToTotals(children, [61, 8, 11]);
    assert.deepEqual(
      [0, 1, 2].map((cell) => sum(scaled.map((child) => child[cell]))),
      [61, 8, 11],
    );
    // Cell 0: shares 10.45, 20.30, 30.25 of 61 → the unit left goes to 10.45. Cell 2: 5.5 and 5.5 → tie to the first.
    assert.deepEqual(scaled, [
      [11, 0, 6],
      [20, 6, 5],
      [30, 2, 0],
    ]);
  });
});
