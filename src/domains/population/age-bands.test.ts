import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deriveCount, sumOverRange } from './age-bands.ts';
import type { FigureKind, PopulationFigure } from './figure.ts';

const single = (age: number, count: number) => ({ ageFrom: age, ageTo: age, count });
/** Single years 0..99 with count = 10 + age, and 100+ with 7. */
const singleYears = [
  ...Array.from({ length: 100 }, (_, age) => single(age, 10 + age)),
  { ageFrom: 100, ageTo: null, count: 7 },
];
const sumAges = (from: number, to: number) => {
  let sum = 0;
  for (let age = from; age <= to; age++) sum += 10 + age;
  return sum;
};

describe('sumOverRange', () => {
  it('adds single years 60..99 and 100+ into 60+', () => {
    assert.equal(sumOverRange(singleYears, { ageFrom: 60, ageTo: null }), sumAges(60, 99) + 7);
  });

  it('adds single years 0, 1, 2 into under 3 and leaves out age 3', () => {
    assert.equal(sumOverRange(singleYears, { ageFrom: 0, ageTo: 2 }), 10 + 11 + 12);
  });

  it('adds everything into the all-ages total', () => {
    assert.equal(sumOverRange(singleYears, { ageFrom: 0, ageTo: null }), sumAges(0, 99) + 7);
  });

  it('takes a stored band as stated rather than re-adding finer rows that disagree with it', () => {
    const ranges = [...singleYears, { ageFrom: 60, ageTo: null, count: 1 }];
    assert.equal(sumOverRange(ranges, { ageFrom: 60, ageTo: null }), 1);
  });

  it('combines a band with another band (60–64 plus 65+)', () => {
    const ranges = [
      { ageFrom: 60, ageTo: 64, count: 59_505 },
      { ageFrom: 65, ageTo: null, count: 264_889 },
    ];
    assert.equal(sumOverRange(ranges, { ageFrom: 60, ageTo: null }), 324_394);
  });

  it('prefers the tiling with the fewest pieces when several exist', () => {
    const ranges = [
      { ageFrom: 60, ageTo: 64, count: 100 },
      { ageFrom: 65, ageTo: null, count: 200 },
      single(60, 1),
      single(61, 1),
      single(62, 1),
      single(63, 1),
      single(64, 1),
    ];
    assert.equal(sumOverRange(ranges, { ageFrom: 60, ageTo: null }), 300);
  });

  it('cannot answer when a year is missing', () => {
    const gap = singleYears.filter((range) => range.ageFrom !== 70);
    assert.equal(sumOverRange(gap, { ageFrom: 60, ageTo: null }), null);
  });

  it('cannot answer an open band from closed ranges only (no 100+ row)', () => {
    const closed = singleYears.filter((range) => range.ageTo !== null);
    assert.equal(sumOverRange(closed, { ageFrom: 60, ageTo: null }), null);
  });

  it('ignores groups straddling the edge (55–64 says nothing about 60+)', () => {
    const ranges = [
      { ageFrom: 55, ageTo: 64, count: 100 },
      { ageFrom: 65, ageTo: null, count: 200 },
    ];
    assert.equal(sumOverRange(ranges, { ageFrom: 60, ageTo: null }), null);
    assert.equal(sumOverRange(ranges, { ageFrom: 55, ageTo: null }), 300);
  });

  it('does not use an open band for a closed target (65+ is not 65–79)', () => {
    assert.equal(sumOverRange([{ ageFrom: 65, ageTo: null, count: 5 }], { ageFrom: 65, ageTo: 79 }), null);
  });

  it('answers zero from a zero count rather than "unknown"', () => {
    assert.equal(sumOverRange([{ ageFrom: 0, ageTo: 2, count: 0 }], { ageFrom: 0, ageTo: 2 }), 0);
  });
});

describe('deriveCount', () => {
  const kind: FigureKind = {
    year: 2020,
    basis: 'resident',
    sex: 'total',
    source: 'census_2020',
    ageFrom: 60,
    ageTo: null,
  };
  const figure = (over: Partial<PopulationFigure>): PopulationFigure => ({
    ...kind,
    regionCode: '3406',
    count: 0,
    ...over,
  });

  it('keeps year, basis and source apart', () => {
    const figures = [
      figure({ count: 1 }),
      figure({ year: 2021, source: 'yearly_statistics', count: 2 }),
      figure({ basis: 'registered', count: 3 }),
      figure({ source: 'estimate', count: 4 }),
    ];
    assert.equal(deriveCount(figures, kind), 1);
    assert.equal(deriveCount(figures, { ...kind, basis: 'registered' }), 3);
    assert.equal(deriveCount(figures, { ...kind, source: 'estimate' }), 4);
    assert.equal(deriveCount(figures, { ...kind, source: 'yearly_statistics' }), null);
    assert.equal(deriveCount(figures, { ...kind, year: 2021, source: 'yearly_statistics' }), 2);
  });

  it('derives both sexes from male plus female when no total was published', () => {
    const figures = [
      figure({ sex: 'male', ageFrom: 60, ageTo: 79, count: 10 }),
      figure({ sex: 'male', ageFrom: 80, ageTo: null, count: 2 }),
      figure({ sex: 'female', ageFrom: 60, ageTo: null, count: 15 }),
    ];
    assert.equal(deriveCount(figures, kind), 27);
    assert.equal(deriveCount(figures, { ...kind, sex: 'male' }), 12);
  });

  it('does not derive one sex from the total', () => {
    const figures = [figure({ count: 30 }), figure({ sex: 'male', count: 12 })];
    assert.equal(deriveCount(figures, { ...kind, sex: 'female' }), null);
  });

  it('needs both sexes to stand in for the total', () => {
    assert.equal(deriveCount([figure({ sex: 'female', count: 15 })], kind), null);
  });
});
