import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  commonRoot,
  differsBeyondRounding,
  expectedAt,
  rollUpRatio,
  statusOf,
  toAdd,
  unitScale,
  yearlySchedule,
  yearEarlier,
  yearsOf,
  type TargetPath,
} from './rules.ts';

const beds: TargetPath = {
  baselineYear: 2020,
  baseline: 8554,
  midYear: null,
  mid: null,
  targetYear: 2025,
  target: 10000,
  comparator: '>=',
  direction: 'higher',
};

describe('plan trajectory and status', () => {
  it('a date counts from the end of its year, so a year-end figure sits exactly on the plan year', () => {
    assert.equal(yearsOf('2020-12-31'), 2020);
    assert.ok(Math.abs(yearsOf('2021-07-02') - 2020.5) < 0.01);
  });

  it('finds the region subtree holding every region of a list', () => {
    assert.equal(commonRoot(['3406', '340602', '340603001']), '3406');
    assert.equal(commonRoot(['340603001', '340603002']), '340603', 'a shared 8-digit prefix is no region');
    assert.equal(commonRoot(['340603']), '340603');
    assert.equal(commonRoot(['3406', '3301']), '');
  });

  it('a trend compares with the same day a year before, leap days falling back', () => {
    assert.equal(yearEarlier('2021-06-30'), '2020-06-30');
    assert.equal(yearEarlier('2024-02-29'), '2023-02-28');
  });

  it('the trajectory runs linearly from baseline to target and through a stated mid-point', () => {
    assert.equal(expectedAt(beds, 2020), 8554);
    assert.equal(expectedAt(beds, 2025), 10000);
    assert.ok(Math.abs(expectedAt(beds, 2022.5)! - 9277) < 1e-9);
    const xuchang: TargetPath = { ...beds, baselineYear: null, baseline: null, midYear: 2022, mid: 30 };
    xuchang.target = 50;
    assert.equal(expectedAt(xuchang, 2022), 30);
    assert.equal(expectedAt(xuchang, 2023.5), 40);
    assert.equal(expectedAt({ ...beds, baselineYear: null, baseline: null }, 2022), null);
  });

  it('met, on track, at risk and off track follow the trajectory', () => {
    assert.equal(statusOf(beds, 10000, 2022), 'met');
    assert.equal(statusOf(beds, 9300, 2022.5), 'on_track');
    assert.equal(statusOf(beds, 9000, 2022.5), 'at_risk', 'more than half the expected progress (723)');
    assert.equal(statusOf(beds, 8700, 2022.5), 'off_track', 'less than half the expected progress');
    assert.equal(statusOf(beds, 9999, 2025), 'off_track', 'the target year ended unmet');
    assert.equal(statusOf(beds, 9999, 2024.9), 'on_track');
    assert.equal(statusOf(beds, null, 2022), 'no_data');
  });

  it('without a baseline an unmet target is at risk until its year', () => {
    const noBaseline = { ...beds, baselineYear: null, baseline: null };
    assert.equal(statusOf(noBaseline, 5, 2023), 'at_risk');
    assert.equal(statusOf(noBaseline, 5, 2024.5), 'at_risk');
    assert.equal(statusOf(noBaseline, 5, 2025), 'off_track');
  });

  it('a lower-is-better indicator is on track when below its trajectory', () => {
    const price: TargetPath = { ...beds, baseline: 100, target: 80, comparator: '<=', direction: 'lower' };
    assert.equal(statusOf(price, 85, 2023), 'on_track');
    assert.equal(statusOf(price, 95, 2023), 'off_track');
    assert.equal(statusOf(price, 79, 2023), 'met');
  });

  it('a strict comparator needs more than the target', () => {
    assert.equal(statusOf({ ...beds, comparator: '>' }, 10000, 2024.5), 'on_track');
  });
});

describe('roll-up, rounding and gaps', () => {
  it('rolls a ratio up from summed numerators and denominators, never averaging the regions', () => {
    const parts = [
      { numerator: 1, denominator: 1000 },
      { numerator: 99, denominator: 9000 },
    ];
    assert.equal(rollUpRatio(parts, 1000), 10);
    assert.notEqual(rollUpRatio(parts, 1000), (1 + 11) / 2);
    assert.equal(rollUpRatio([{ numerator: 1, denominator: null }], 1000), null);
    assert.equal(rollUpRatio([{ numerator: 0, denominator: 0 }], 1000), null);
  });

  it('flags a published figure only beyond its own rounding', () => {
    assert.equal(differsBeyondRounding((4529 / 8554) * 100, 52.9), false);
    assert.equal(differsBeyondRounding((4529 / 8554) * 100, 49), true);
    assert.equal(differsBeyondRounding((1869 / 1970265) * 1000, 0.56), true);
    assert.equal(differsBeyondRounding((1869 / 1970265) * 1000, 0.95), false);
    assert.equal(differsBeyondRounding(8554, 8554), false);
    assert.equal(differsBeyondRounding(null, 1), false);
  });

  it('converts a plan counting in 万 to the definition unit', () => {
    assert.equal(unitScale('万张', '张'), 10000);
    assert.equal(unitScale('张', '张'), 1);
    assert.equal(unitScale('%', '%'), 1);
  });

  it("what must be added: a count to its target, a ratio at today's denominator", () => {
    assert.equal(toAdd(10000, '>=', 8554, null, 1), 1446);
    assert.equal(toAdd(10000, '>', 8554, null, 1), 1447);
    // 5.04 places per 1,000 of 1,970,265 residents: 9,930.1 places, so 8,062 beyond the 1,869.
    assert.equal(toAdd(5.04, '>=', 1869, 1970265, 1000), 8062);
    // 55% nursing-type of 8,554 beds: 4,704.7, so 176 beyond 4,529.
    assert.equal(toAdd(55, '>=', 4529, 8554, 100), 176);
    assert.equal(toAdd(100, '>=', 200, null, 1), 0, 'never negative');
    assert.equal(toAdd(10, '>=', null, null, 1), null);
  });

  it("lays 淮北's yearly new places over the baseline and compares each year's level with today", () => {
    const schedule = yearlySchedule(
      1869,
      [
        { year: 2022, added: 2000 },
        { year: 2021, added: 2664 },
        { year: 2023, added: 2200 },
        { year: 2024, added: 800 },
        { year: 2025, added: 500 },
      ],
      5000,
    );
    assert.deepEqual(
      schedule.map((y) => [y.year, y.planned, y.toAdd]),
      [
        [2021, 4533, 0],
        [2022, 6533, 1533],
        [2023, 8733, 3733],
        [2024, 9533, 4533],
        [2025, 10033, 5033],
      ],
    );
  });
});
