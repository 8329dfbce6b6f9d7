import { fieldError, type FieldError } from '../../server/errors.ts';
import { figureKey, type PopulationFigure } from './figure.ts';
import { POPULATION_BASES, POPULATION_SEXES, POPULATION_SOURCES } from './tables.ts';

/** A figure as it is entered. */
export interface PopulationFigureInput extends PopulationFigure {
  note?: string | null;
}

export const MIN_YEAR = 1949;
export const MAX_YEAR = 2100;
/** Oldest age a range may name; 100+ is the census's last group, the margin is for other tables. */
export const MAX_AGE = 150;
export const MAX_NOTE_LENGTH = 500;

const isWhole = (n: unknown, min: number, max: number) =>
  typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;

/**
 * Everything wrong with a batch, all at once and before anything is written, so a bad row never leaves half a
 * table behind. The API's schema catches most of this too; the domain checks again because the demo loader and
 * imports call the write directly. `pathOf(i)` names the i-th figure in the caller's terms (`body.figures.3`).
 */
export function validateFigureBatch(
  figures: readonly PopulationFigureInput[],
  pathOf: (index: number) => string,
): FieldError[] {
  const problems: FieldError[] = [];
  const seen = new Map<string, number>();
  figures.forEach((figure, index) => {
    const path = pathOf(index);
    const before = problems.length;
    if (!isWhole(figure.year, MIN_YEAR, MAX_YEAR)) {
      problems.push(
        fieldError(
          `${path}.year`,
          `年份应为 ${MIN_YEAR}–${MAX_YEAR} 的整数`,
          `Year must be a whole number ${MIN_YEAR}–${MAX_YEAR}`,
        ),
      );
    }
    if (!POPULATION_BASES.includes(figure.basis)) {
      problems.push(
        fieldError(`${path}.basis`, '口径应为常住或户籍人口', 'Basis must be resident or registered'),
      );
    }
    if (!POPULATION_SEXES.includes(figure.sex)) {
      problems.push(fieldError(`${path}.sex`, '性别应为男、女或合计', 'Sex must be male, female or total'));
    }
    if (!POPULATION_SOURCES.includes(figure.source)) {
      problems.push(fieldError(`${path}.source`, '数据来源无效', 'Unknown source'));
    } else if (figure.source === 'census_2020' && figure.year !== 2020) {
      problems.push(
        fieldError(
          `${path}.source`,
          '第七次人口普查数据的年份应为 2020',
          'A 2020-census figure must be for the year 2020',
        ),
      );
    }
    if (!isWhole(figure.ageFrom, 0, MAX_AGE)) {
      problems.push(
        fieldError(
          `${path}.ageFrom`,
          `起始年龄应为 0–${MAX_AGE} 的整数`,
          `Age from must be a whole number 0–${MAX_AGE}`,
        ),
      );
    }
    if (figure.ageTo !== null && !isWhole(figure.ageTo, 0, MAX_AGE)) {
      problems.push(
        fieldError(
          `${path}.ageTo`,
          `截止年龄应为 0–${MAX_AGE} 的整数，或留空表示及以上`,
          `Age to must be a whole number 0–${MAX_AGE}, or null for open-ended`,
        ),
      );
    } else if (figure.ageTo !== null && figure.ageTo < figure.ageFrom) {
      problems.push(
        fieldError(`${path}.ageTo`, '截止年龄不能小于起始年龄', 'Age to must not be below age from'),
      );
    }
    if (!isWhole(figure.count, 0, Number.MAX_SAFE_INTEGER)) {
      problems.push(
        fieldError(`${path}.count`, '人数应为非负整数', 'Count must be a whole number, zero or more'),
      );
    }
    if (figure.note && figure.note.length > MAX_NOTE_LENGTH) {
      problems.push(
        fieldError(
          `${path}.note`,
          `备注不能超过 ${MAX_NOTE_LENGTH} 字`,
          `Note must be at most ${MAX_NOTE_LENGTH} characters`,
        ),
      );
    }
    if (problems.length > before) return;
    const key = figureKey(figure);
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push(
        fieldError(
          path,
          `与 ${pathOf(first)} 重复（同一区划、年份、口径、性别、年龄段和来源）`,
          `Repeats ${pathOf(first)} (same region, year, basis, sex, age range and source)`,
        ),
      );
    } else {
      seen.set(key, index);
    }
  });
  return problems;
}
