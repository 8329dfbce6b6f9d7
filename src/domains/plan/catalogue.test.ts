import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CATALOGUE, WORDINGS, definitionOf } from './catalogue.ts';
import { COMPUTATIONS } from './computations.ts';
import { readSeedRows, trimRegionCode } from './seed.ts';

describe('indicator catalogue', () => {
  const rows = readSeedRows();

  it('reads all 95 indicator rows of the five plans from the copy in the repository, and the visit rate added to two', () => {
    assert.equal(rows.length, 97, '95 rows of the tables + the monthly visit rate for 辽宁 and 舟山');
    assert.equal(new Set(rows.map((row) => row.plan)).size, 5);
    assert.equal(rows.filter((row) => row.regionCode === '3406').length, 25, "淮北's 25 indicators");
  });

  it("maps every row to a definition under the plan's own wording", () => {
    const unmapped = rows.filter((row) => !definitionOf(WORDINGS[row.wording] ?? ''));
    assert.deepEqual(
      unmapped.map((row) => `${row.plan} ${row.wording}`),
      [],
    );
  });

  it('lets one definition serve several plans', () => {
    const plansOf = (key: string) =>
      new Set(rows.filter((row) => WORDINGS[row.wording] === key).map((row) => row.plan));
    assert.equal(plansOf('childcare_places_per_1000').size, 5);
    assert.ok(plansOf('nursing_bed_share').size >= 4);
  });

  it('names only registered computations, and ratios have a denominator', () => {
    assert.equal(new Set(CATALOGUE.map((d) => d.key)).size, CATALOGUE.length, 'keys are unique');
    for (const d of CATALOGUE) {
      for (const key of [d.numerator, d.denominator]) {
        if (key !== null) assert.ok(key in COMPUTATIONS, `${d.key}: ${key}`);
      }
      assert.equal(d.method === 'computed', d.numerator !== null, d.key);
      assert.equal(d.rollUp === 'ratio', d.denominator !== null, d.key);
    }
  });

  it('computes what the registries allow: beds, nursing share, places per 1,000', () => {
    for (const key of ['elderly_beds', 'nursing_bed_share', 'childcare_places_per_1000']) {
      assert.equal(definitionOf(key)?.method, 'computed', key);
    }
    assert.equal(definitionOf('life_expectancy')?.method, 'entered');
  });

  it("trims six-digit region codes to the platform's", () => {
    assert.deepEqual(['340600', '210000', '411000', '330900', '500238'].map(trimRegionCode), [
      '3406',
      '21',
      '4110',
      '3309',
      '500238',
    ]);
  });
});
