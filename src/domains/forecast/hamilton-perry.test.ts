import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cohortChangeRatios, projectHamiltonPerry, womenOfChildbearingAge } from './hamilton-perry.ts';

// Groups 0–4, 5–9, 10–14, 15–19, 20–24, 25+ counted in 2010 and 2020; every expected number below is worked by hand.
const earlier = { female: [100, 90, 80, 70, 60, 200], male: [105, 95, 85, 72, 58, 180] };
const later = { female: [110, 95, 99, 81, 66, 264], male: [120, 100, 95, 76, 58, 186] };

const close = (actual: number[], expected: number[]) =>
  actual.forEach((value, x) =>
    assert.ok(Math.abs(value - expected[x]) < 1e-9, `group ${x}: ${value} ≠ ${expected[x]}`),
  );

describe('Hamilton–Perry projection', () => {
  it('takes cohort-change ratios ten years apart, gathering the open group from everyone 15+ in 2010', () => {
    const ratios = cohortChangeRatios(earlier, later, 10);
    close(ratios.ccr.female.slice(2) as number[], [99 / 100, 81 / 90, 66 / 80, 264 / (70 + 60 + 200)]);
    close(ratios.ccr.male.slice(2) as number[], [95 / 105, 76 / 95, 58 / 85, 186 / (72 + 58 + 180)]);
    assert.deepEqual(ratios.ccr.female.slice(0, 2), [null, null]);
  });

  it('gives the two groups under ten a child–woman ratio over the women of 15–49', () => {
    assert.equal(womenOfChildbearingAge(later.female), 81 + 66 + 264);
    const ratios = cohortChangeRatios(earlier, later, 10);
    close(ratios.cwr.female.slice(0, 2) as number[], [110 / 411, 95 / 411]);
    close(ratios.cwr.male.slice(0, 2) as number[], [120 / 411, 100 / 411]);
  });

  it('projects 2030 by the ratios and the children from the 2030 women; 2025 lies halfway', () => {
    const years = projectHamiltonPerry(earlier, later, 10, 2020, [2025, 2030]);
    const older = [110 * 0.99, 95 * 0.9, 99 * 0.825, (81 + 66 + 264) * 0.8];
    const women = 85.5 + 81.675 + 328.8;
    close(years.get(2030)!.female, [(women * 110) / 411, (women * 95) / 411, ...older]);
    close(years.get(2030)!.male, [
      (women * 120) / 411,
      (women * 100) / 411,
      (120 * 95) / 105,
      (100 * 76) / 95,
      (95 * 58) / 85,
      (76 + 58 + 186) * 0.6,
    ]);
    close(
      years.get(2025)!.female,
      later.female.map((count, x) => (count + years.get(2030)!.female[x]) / 2),
    );
  });

  it('steps five years with ratios five years apart, only 0–4 from the child–woman ratio', () => {
    const ratios = cohortChangeRatios(earlier, later, 5);
    assert.equal(ratios.ccr.female[1], 95 / 100);
    assert.equal(ratios.ccr.female[5], 264 / (60 + 200));
    assert.deepEqual(ratios.ccr.female[0], null);
    assert.equal(ratios.cwr.female[1], null);
    const years = projectHamiltonPerry(earlier, later, 5, 2020, [2025, 2030]);
    const female2025 = years.get(2025)!.female;
    close(female2025.slice(1), [
      110 * (95 / 100),
      95 * (99 / 90),
      99 * (81 / 80),
      81 * (66 / 70),
      (66 + 264) * (264 / 260),
    ]);
    close([female2025[0]], [(female2025[3] + female2025[4] + female2025[5]) * (110 / 411)]);
    // 2030 is a second five-year step from 2025, not an interpolation.
    assert.equal(years.get(2030)!.female[2], female2025[1] * (99 / 90));
  });

  it('carries a group whose cohort was empty instead of dividing by zero', () => {
    const empty = { female: [100, 0, 80, 70, 60, 200], male: earlier.male };
    const ratios = cohortChangeRatios(empty, later, 10);
    assert.equal(ratios.ccr.female[3], null);
    const years = projectHamiltonPerry(empty, later, 10, 2020, [2030]);
    assert.equal(years.get(2030)!.female[3], later.female[3]);
    assert.ok(years.get(2030)!.female.every(Number.isFinite));
  });
});
