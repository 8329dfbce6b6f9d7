import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededRandom } from './random.ts';

describe('seededRandom', () => {
  it('gives the same sequence for the same seed, and another for another seed', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, seededRandom(seed).next);
    assert.deepEqual(draw(7), draw(7));
    assert.notDeepEqual(draw(7), draw(8));
  });

  it('keeps forks independent: drawing from one stream does not move another', () => {
    const a = seededRandom(1);
    const b = seededRandom(1);
    a.fork('people').next();
    assert.equal(a.fork('facilities').next(), b.fork('facilities').next());
    assert.notEqual(b.fork('people').next(), b.fork('facilities').next());
  });

  it('stays inside the ranges it is asked for, both ends included', () => {
    const random = seededRandom(3);
    const ints = new Set(Array.from({ length: 500 }, () => random.int(1, 3)));
    assert.deepEqual([...ints].sort(), [1, 2, 3]);
    for (let i = 0; i < 200; i++) {
      const day = random.date('2024-02-27', '2024-03-01');
      assert.ok(day >= '2024-02-27' && day <= '2024-03-01', day);
    }
    assert.equal(
      random.weighted([
        ['never', 0],
        ['always', 1],
      ] as const),
      'always',
    );
  });
});
