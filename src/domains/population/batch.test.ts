import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateFigureBatch, type PopulationFigureInput } from './batch.ts';

const good: PopulationFigureInput = {
  regionCode: '3406',
  year: 2020,
  basis: 'resident',
  sex: 'total',
  source: 'census_2020',
  ageFrom: 60,
  ageTo: null,
  count: 324_394,
};
const paths = (figures: PopulationFigureInput[]) =>
  validateFigureBatch(figures, (i) => `body.figures.${i}`).map((problem) => problem.path);

describe('validateFigureBatch', () => {
  it('accepts single years, closed bands, open bands and zero counts', () => {
    assert.deepEqual(
      paths([
        good,
        { ...good, ageFrom: 0, ageTo: 0, count: 0 },
        { ...good, ageFrom: 0, ageTo: 2 },
        { ...good, ageFrom: 100, ageTo: null, note: '七普长表' },
      ]),
      [],
    );
  });

  it('names the field of each bad figure, all at once', () => {
    assert.deepEqual(
      paths([
        { ...good, count: -1 },
        good,
        { ...good, ageFrom: 65, ageTo: 60 },
        { ...good, ageFrom: -1 },
        { ...good, count: 1.5 },
        { ...good, ageTo: 151, ageFrom: 0 },
      ]),
      [
        'body.figures.0.count',
        'body.figures.2.ageTo',
        'body.figures.3.ageFrom',
        'body.figures.4.count',
        'body.figures.5.ageTo',
      ],
    );
  });

  it('refuses a census figure for a year other than 2020', () => {
    assert.deepEqual(paths([{ ...good, year: 2021 }]), ['body.figures.0.source']);
    assert.deepEqual(paths([{ ...good, year: 2021, source: 'yearly_statistics' }]), []);
  });

  it('refuses years outside 1949–2100 and unknown enumerations (callers without the API schema)', () => {
    assert.deepEqual(
      paths([
        { ...good, year: 1800, source: 'estimate' },
        { ...good, basis: 'hukou' as never },
        { ...good, sex: 'other' as never },
        { ...good, source: 'guess' as never },
      ]),
      ['body.figures.0.year', 'body.figures.1.basis', 'body.figures.2.sex', 'body.figures.3.source'],
    );
  });

  it('refuses the same figure twice in one batch (the upsert could not tell which wins)', () => {
    const problems = validateFigureBatch(
      [good, { ...good, sex: 'male' }, { ...good, count: 1 }],
      (i) => `figures.${i}`,
    );
    assert.equal(problems.length, 1);
    assert.equal(problems[0].path, 'figures.2');
    assert.match(problems[0].message['en-US'], /Repeats figures\.0/);
  });

  it('tells an open band from the single year it starts at', () => {
    assert.deepEqual(paths([good, { ...good, ageTo: 60 }]), []);
  });

  it('refuses an over-long note', () => {
    assert.deepEqual(paths([{ ...good, note: 'x'.repeat(501) }]), ['body.figures.0.note']);
  });
});
