import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apportion } from './apportion.ts';

const sum = (parts: number[]) => parts.reduce((total, part) => total + part, 0);

describe('apportion', () => {
  it('splits a published total exactly, in proportion to the weights', () => {
    const parts = apportion(8554, [3, 1, 1, 5]);
    assert.equal(sum(parts), 8554);
    assert.deepEqual(parts, [2566, 856, 855, 4277], 'the leftover unit goes to the largest remainder');
  });

  it('keeps every part under its cap and gives what a cap cuts off to the others', () => {
    const parts = apportion(100, [10, 1, 1], [50, 40, 40]);
    assert.equal(sum(parts), 100);
    assert.equal(parts[0], 50);
    assert.ok(parts[1] <= 40 && parts[2] <= 40);
  });

  it('hands out totals smaller than the number of parts without losing a unit', () => {
    assert.deepEqual(apportion(2, [1, 1, 1]), [1, 1, 0]);
    assert.deepEqual(apportion(0, [1, 2]), [0, 0]);
  });

  it('uses zero-weight parts only when the others are full', () => {
    assert.deepEqual(apportion(5, [1, 0], [3, 10]), [3, 2]);
  });

  it('refuses a total the caps cannot hold', () => {
    assert.throws(() => apportion(10, [1, 1], [4, 5]), /does not fit/);
  });
});
