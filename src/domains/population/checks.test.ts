import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { childrenSumWarnings, sexConsistencyWarnings } from './checks.ts';
import type { PopulationFigure } from './figure.ts';

const figure = (regionCode: string, over: Partial<PopulationFigure>): PopulationFigure => ({
  regionCode,
  year: 2020,
  basis: 'resident',
  sex: 'total',
  source: 'census_2020',
  ageFrom: 0,
  ageTo: null,
  count: 0,
  ...over,
});

describe('sexConsistencyWarnings', () => {
  it('is silent when male + female = total', () => {
    const figures = [
      figure('3406', { count: 100 }),
      figure('3406', { sex: 'male', count: 49 }),
      figure('3406', { sex: 'female', count: 51 }),
    ];
    assert.deepEqual(sexConsistencyWarnings(figures), []);
  });

  it('warns with the difference when male + female differs from the total', () => {
    const figures = [
      figure('3406', { ageFrom: 60, count: 324_394 }),
      figure('3406', { ageFrom: 60, sex: 'male', count: 160_000 }),
      figure('3406', { ageFrom: 60, sex: 'female', count: 164_000 }),
    ];
    const [warning, ...rest] = sexConsistencyWarnings(figures);
    assert.equal(rest.length, 0);
    assert.equal(warning.code, 'sex_sum_differs');
    assert.equal(warning.regionCode, '3406');
    assert.equal(warning.ageFrom, 60);
    assert.equal(warning.ageTo, null);
    assert.equal(warning.sex, 'total');
    assert.equal(warning.stated, 324_394);
    assert.equal(warning.computed, 324_000);
    assert.equal(warning.difference, -394);
    assert.match(warning.message['zh-CN'], /60岁及以上.*男女之和 324000 与合计 324394 相差 -394/);
    assert.match(warning.message['en-US'], /-394/);
  });

  it('compares a total band with the sexes in single years', () => {
    const figures = [
      figure('3406', { ageFrom: 0, ageTo: 2, count: 10 }),
      ...[0, 1, 2].flatMap((age) => [
        figure('3406', { sex: 'male', ageFrom: age, ageTo: age, count: 2 }),
        figure('3406', { sex: 'female', ageFrom: age, ageTo: age, count: 2 }),
      ]),
    ];
    const warnings = sexConsistencyWarnings(figures);
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0].computed, 12);
  });

  it('does not compare across sources, or when a sex is missing', () => {
    const figures = [
      figure('3406', { count: 100 }),
      figure('3406', { sex: 'male', count: 40, source: 'estimate' }),
      figure('3406', { sex: 'female', count: 40, source: 'estimate' }),
      figure('3406', { year: 2021, source: 'yearly_statistics', count: 100 }),
      figure('3406', { year: 2021, source: 'yearly_statistics', sex: 'male', count: 1 }),
    ];
    assert.deepEqual(sexConsistencyWarnings(figures), []);
  });
});

describe('childrenSumWarnings', () => {
  const city = (count: number, over: Partial<PopulationFigure> = {}) => ({
    regionCode: '3406',
    figures: [figure('3406', { count, ...over })],
  });
  const districts = (...counts: (number | null)[]) =>
    counts.map((count, i) => ({
      regionCode: `34060${i + 2}`,
      figures: count === null ? [] : [figure(`34060${i + 2}`, { count })],
    }));

  it('is silent when the children add up', () => {
    assert.deepEqual(childrenSumWarnings(city(100), districts(40, 35, 25)), []);
  });

  it('warns with the difference when all children have the figure and it does not add up', () => {
    const [warning, ...rest] = childrenSumWarnings(city(100), districts(40, 35, 20));
    assert.equal(rest.length, 0);
    assert.deepEqual(
      {
        code: warning.code,
        regionCode: warning.regionCode,
        stated: warning.stated,
        computed: warning.computed,
        difference: warning.difference,
        childrenCounted: warning.childrenCounted,
        childrenTotal: warning.childrenTotal,
      },
      {
        code: 'children_sum_differs',
        regionCode: '3406',
        stated: 100,
        computed: 95,
        difference: -5,
        childrenCounted: 3,
        childrenTotal: 3,
      },
    );
    assert.match(warning.message['zh-CN'], /下级区划合计 95 与本级 100 相差 -5/);
  });

  it('takes a partial sum only as a floor: below the parent is silent, above it warns', () => {
    assert.deepEqual(childrenSumWarnings(city(100), districts(40, null, 25)), []);
    const [warning] = childrenSumWarnings(city(100), districts(70, null, 40));
    assert.equal(warning.difference, 10);
    assert.equal(warning.childrenCounted, 2);
    assert.equal(warning.childrenTotal, 3);
    assert.match(warning.message['en-US'], /only 2 of 3 subdivisions/);
  });

  it("derives the children's figure from their own granularity (single years against a 60+ band)", () => {
    const parent = city(30, { ageFrom: 60, ageTo: null });
    const child = (code: string, perYear: number) => ({
      regionCode: code,
      figures: [
        ...Array.from({ length: 40 }, (_, i) => figure(code, { ageFrom: 60 + i, ageTo: 60 + i, count: 0 })),
        figure(code, { ageFrom: 100, ageTo: null, count: perYear }),
      ],
    });
    assert.deepEqual(childrenSumWarnings(parent, [child('340602', 10), child('340603', 20)]), []);
    assert.equal(childrenSumWarnings(parent, [child('340602', 10), child('340603', 21)])[0].difference, 1);
  });

  it('compares only the same year, basis and source', () => {
    const children = [
      { regionCode: '340602', figures: [figure('340602', { count: 1, source: 'estimate' })] },
      { regionCode: '340603', figures: [figure('340603', { count: 1, basis: 'registered' })] },
    ];
    assert.deepEqual(childrenSumWarnings(city(100), children), []);
  });

  it('has nothing to say about a region without children', () => {
    assert.deepEqual(childrenSumWarnings(city(100), []), []);
  });
});
