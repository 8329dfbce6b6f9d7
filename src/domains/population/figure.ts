import type { LocalisedText } from '../../server/errors.ts';
import type { PopulationBasis, PopulationSex, PopulationSource } from './tables.ts';

/** An age range in whole years; `ageTo` null is open-ended (60+). Single years have ageFrom = ageTo. */
export interface AgeRange {
  ageFrom: number;
  ageTo: number | null;
}

/** What a figure counts, short of where: the identity two regions' figures share when they are "the same figure". */
export interface FigureKind extends AgeRange {
  year: number;
  basis: PopulationBasis;
  sex: PopulationSex;
  source: PopulationSource;
}

/** One stored count as the rules see it. */
export interface PopulationFigure extends FigureKind {
  regionCode: string;
  count: number;
}

export function sameKind(a: FigureKind, b: FigureKind): boolean {
  return (
    a.year === b.year &&
    a.basis === b.basis &&
    a.sex === b.sex &&
    a.source === b.source &&
    a.ageFrom === b.ageFrom &&
    a.ageTo === b.ageTo
  );
}

/** The database's unique key of a figure, as one string. */
export function figureKey(figure: FigureKind & { regionCode: string }): string {
  return [
    figure.regionCode,
    figure.year,
    figure.basis,
    figure.sex,
    figure.source,
    figure.ageFrom,
    figure.ageTo ?? '+',
  ].join('|');
}

const SEX: Record<PopulationSex, LocalisedText> = {
  male: { 'zh-CN': '男性', 'en-US': 'male' },
  female: { 'zh-CN': '女性', 'en-US': 'female' },
  total: { 'zh-CN': '合计', 'en-US': 'both sexes' },
};
const BASIS: Record<PopulationBasis, LocalisedText> = {
  resident: { 'zh-CN': '常住人口', 'en-US': 'resident population' },
  registered: { 'zh-CN': '户籍人口', 'en-US': 'registered population' },
};
const SOURCE: Record<PopulationSource, LocalisedText> = {
  census_2020: { 'zh-CN': '第七次人口普查', 'en-US': '2020 census' },
  yearly_statistics: { 'zh-CN': '年度统计', 'en-US': 'yearly statistics' },
  estimate: { 'zh-CN': '估算', 'en-US': 'estimate' },
};

export function describeAgeRange(range: AgeRange): LocalisedText {
  const { ageFrom, ageTo } = range;
  if (ageTo === null) {
    return ageFrom === 0
      ? { 'zh-CN': '全年龄', 'en-US': 'all ages' }
      : { 'zh-CN': `${ageFrom}岁及以上`, 'en-US': `aged ${ageFrom}+` };
  }
  return ageFrom === ageTo
    ? { 'zh-CN': `${ageFrom}岁`, 'en-US': `aged ${ageFrom}` }
    : { 'zh-CN': `${ageFrom}–${ageTo}岁`, 'en-US': `aged ${ageFrom}–${ageTo}` };
}

/** "2020年 常住人口 60岁及以上 男性（第七次人口普查）": how a message names a figure. */
export function describeKind(kind: FigureKind): LocalisedText {
  const age = describeAgeRange(kind);
  return {
    'zh-CN': `${kind.year}年${BASIS[kind.basis]['zh-CN']}${age['zh-CN']}${SEX[kind.sex]['zh-CN']}（${SOURCE[kind.source]['zh-CN']}）`,
    'en-US': `${kind.year} ${BASIS[kind.basis]['en-US']} ${age['en-US']}, ${SEX[kind.sex]['en-US']} (${SOURCE[kind.source]['en-US']})`,
  };
}
