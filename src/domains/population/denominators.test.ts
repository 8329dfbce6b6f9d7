import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answersAllDenominators, resolveCount, summarise, type FigureTree } from './denominators.ts';
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

function tree(figures: PopulationFigure[], children: Record<string, string[]>): FigureTree {
  return {
    figuresOf: (code) => figures.filter((f) => f.regionCode === code),
    childrenOf: (code) => children[code],
  };
}

const query = { year: 2020, basis: 'resident' as const, sex: 'total' as const, ageFrom: 60, ageTo: null };
const CITY = { '3406': ['340602', '340603'] };

describe('resolveCount', () => {
  it("takes the region's own figure and says so", () => {
    const t = tree([figure('3406', { ageFrom: 60, count: 324_394 })], CITY);
    assert.deepEqual(resolveCount(t, '3406', query), {
      count: 324_394,
      source: 'census_2020',
      derivedFrom: 'own',
    });
  });

  it('falls back to the sum of the children when the region has no figure, and says so', () => {
    const t = tree(
      [figure('340602', { ageFrom: 60, count: 40_000 }), figure('340603', { ageFrom: 60, count: 90_000 })],
      CITY,
    );
    assert.deepEqual(resolveCount(t, '3406', query), {
      count: 130_000,
      source: 'census_2020',
      derivedFrom: 'children',
    });
  });

  it('prefers its own figure over the children even when the children add up differently', () => {
    const t = tree(
      [
        figure('3406', { ageFrom: 60, count: 1, source: 'estimate', year: 2020 }),
        figure('340602', { ageFrom: 60, count: 40_000 }),
        figure('340603', { ageFrom: 60, count: 90_000 }),
      ],
      CITY,
    );
    assert.deepEqual(resolveCount(t, '3406', query), { count: 1, source: 'estimate', derivedFrom: 'own' });
  });

  it('does not sum when a child is missing: a partial sum understates the region', () => {
    const t = tree([figure('340602', { ageFrom: 60, count: 40_000 })], CITY);
    assert.equal(resolveCount(t, '3406', query), null);
  });

  it('does not add a census figure to an estimate', () => {
    const t = tree(
      [
        figure('340602', { ageFrom: 60, count: 40_000 }),
        figure('340603', { ageFrom: 60, count: 90_000, source: 'estimate' }),
      ],
      CITY,
    );
    assert.equal(resolveCount(t, '3406', query), null);
  });

  it('prefers the census to the yearly statistics and to an estimate', () => {
    const t = tree(
      [
        figure('3406', { ageFrom: 60, count: 3, source: 'estimate' }),
        figure('3406', { ageFrom: 60, count: 2, source: 'yearly_statistics' }),
        figure('3406', { ageFrom: 60, count: 1 }),
      ],
      CITY,
    );
    assert.equal(resolveCount(t, '3406', query)?.count, 1);
  });

  it("descends further when a child itself has only its children's figures", () => {
    const t = tree(
      [
        figure('340602', { ageFrom: 60, count: 40_000 }),
        figure('340603001', { ageFrom: 60, count: 5_000 }),
        figure('340603100', { ageFrom: 60, count: 6_000 }),
      ],
      { ...CITY, '340603': ['340603001', '340603100'] },
    );
    assert.deepEqual(resolveCount(t, '3406', query), {
      count: 51_000,
      source: 'census_2020',
      derivedFrom: 'children',
    });
  });

  it('cannot sum children that were not loaded', () => {
    assert.equal(resolveCount(tree([], {}), '3406', query), null);
  });
});

describe('summarise', () => {
  it('derives 60+, 65+, 80+ and under 3 by sex from single years, and the total from both sexes', () => {
    const figures = ['male', 'female'].flatMap((sex, s) => [
      ...Array.from({ length: 100 }, (_, age) =>
        figure('3406', { sex: sex as 'male' | 'female', ageFrom: age, ageTo: age, count: 1 + s }),
      ),
      figure('3406', { sex: sex as 'male' | 'female', ageFrom: 100, ageTo: null, count: 1 + s }),
    ]);
    const summary = summarise(tree(figures, CITY), '3406', 2020, 'resident');
    const counts = Object.fromEntries(
      summary.map((d) => [d.key, [d.total?.count, d.male?.count, d.female?.count]]),
    );
    assert.deepEqual(counts, {
      total: [303, 101, 202],
      aged60Plus: [123, 41, 82],
      aged65Plus: [108, 36, 72],
      aged80Plus: [63, 21, 42],
      under3: [9, 3, 6],
    });
    assert.ok(summary.every((d) => d.total?.derivedFrom === 'own'));
  });

  it('leaves a denominator null when nothing answers it, without hiding the others', () => {
    const summary = summarise(tree([figure('3406', { count: 1_970_265 })], CITY), '3406', 2020, 'resident');
    assert.equal(summary.find((d) => d.key === 'total')!.total?.count, 1_970_265);
    assert.equal(summary.find((d) => d.key === 'total')!.male, null);
    assert.equal(summary.find((d) => d.key === 'under3')!.total, null);
  });
});

describe('answersAllDenominators', () => {
  it('is true only when every denominator and sex can be answered from own figures', () => {
    const bands = [
      [0, null],
      [60, null],
      [65, null],
      [80, null],
      [0, 2],
    ] as const;
    const all = bands.flatMap(([ageFrom, ageTo]) =>
      (['male', 'female'] as const).map((sex) => figure('3406', { sex, ageFrom, ageTo, count: 1 })),
    );
    assert.equal(answersAllDenominators(all, 2020, 'resident'), true);
    assert.equal(answersAllDenominators(all.slice(1), 2020, 'resident'), false);
    assert.equal(answersAllDenominators(all, 2021, 'resident'), false);
  });
});
