import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PopulationFigure } from '../population/figure.ts';
import { groupedPopulation } from './inputs.ts';

const figure = (over: Partial<PopulationFigure>): PopulationFigure => ({
  regionCode: '3406',
  year: 2020,
  basis: 'resident',
  sex: 'female',
  ageFrom: 0,
  ageTo: 4,
  count: 1,
  source: 'estimate',
  ...over,
});

describe('grouping stored figures into 5-year groups', () => {
  it('sums single years and takes 5-year groups and the open band as stated', () => {
    const figures = (['female', 'male'] as const).flatMap((sex) => [
      ...[0, 1, 2, 3, 4].map((age) => figure({ sex, ageFrom: age, ageTo: age, count: age + 1 })),
      figure({ sex, ageFrom: 5, ageTo: 9, count: 50 }),
      figure({ sex, ageFrom: 10, ageTo: null, count: 70 }),
    ]);
    const grouped = groupedPopulation(figures, 2020, 'resident', 10);
    assert.deepEqual(grouped, { source: 'estimate', vectors: { female: [15, 50, 70], male: [15, 50, 70] } });
  });

  it('takes the most trusted source that covers both sexes, never a mix of sources', () => {
    const both = (source: PopulationFigure['source'], count: number, sexes = ['female', 'male'] as const) =>
      sexes.flatMap((sex) => [
        figure({ sex, source, ageFrom: 0, ageTo: 4, count }),
        figure({ sex, source, ageFrom: 5, ageTo: null, count }),
      ]);
    const complete = [...both('yearly_statistics', 7), ...both('estimate', 9)];
    assert.equal(groupedPopulation(complete, 2020, 'resident', 5)?.source, 'yearly_statistics');
    // The census covers females only: the bulletin, complete for both, wins.
    const partial = [...both('census_2020', 5, ['female'] as never), ...complete];
    assert.equal(groupedPopulation(partial, 2020, 'resident', 5)?.source, 'yearly_statistics');
    assert.equal(groupedPopulation(both('estimate', 1, ['female'] as never), 2020, 'resident', 5), null);
  });

  it('cannot make a 5-year group out of a band that straddles it', () => {
    const figures = (['female', 'male'] as const).flatMap((sex) => [
      figure({ sex, ageFrom: 0, ageTo: 2 }),
      figure({ sex, ageFrom: 3, ageTo: 7 }),
      figure({ sex, ageFrom: 8, ageTo: null }),
    ]);
    assert.equal(groupedPopulation(figures, 2020, 'resident', 5), null);
  });
});
