/** Shapes of the population API (src/domains/population/routes.ts). */
import type { LocalizedText } from '../api/types';

export const BASES = ['resident', 'registered'] as const;
export type Basis = (typeof BASES)[number];
export const SEXES = ['total', 'male', 'female'] as const;
export type PopulationSex = (typeof SEXES)[number];
/** In order of trust. */
export const SOURCES = ['census_2020', 'yearly_statistics', 'estimate'] as const;
export type Source = (typeof SOURCES)[number];

export const MIN_YEAR = 1949;
export const MAX_YEAR = 2100;
export const MAX_AGE = 150;
export const MAX_NOTE_LENGTH = 500;

export interface Figure {
  id: number;
  regionCode: string;
  year: number;
  basis: Basis;
  sex: PopulationSex;
  ageFrom: number;
  ageTo: number | null;
  count: number;
  source: Source;
  note: string | null;
  enteredBy: number | null;
  enteredAt: string;
}

export interface PopulationWarning {
  code: 'children_sum_differs' | 'sex_sum_differs';
  regionCode: string;
  year: number;
  basis: Basis;
  sex: PopulationSex;
  source: Source;
  ageFrom: number;
  ageTo: number | null;
  stated: number;
  computed: number;
  difference: number;
  childrenCounted: number | null;
  childrenTotal: number | null;
  message: LocalizedText;
}

export interface FiguresAnswer {
  regionCode: string;
  figures: Figure[];
  warnings: PopulationWarning[];
}

export interface PutAnswer extends FiguresAnswer {
  year: number;
  created: number;
  updated: number;
}

export interface Resolved {
  count: number;
  source: Source;
  derivedFrom: 'own' | 'children';
}

export interface Denominator {
  key: 'total' | 'aged60Plus' | 'aged65Plus' | 'aged80Plus' | 'under3';
  ageFrom: number;
  ageTo: number | null;
  label: LocalizedText;
  total: Resolved | null;
  male: Resolved | null;
  female: Resolved | null;
}

export interface SummaryAnswer {
  regionCode: string;
  year: number;
  basis: Basis;
  denominators: Denominator[];
}

/** What a figure counts, short of where and when: rows of the figures table. */
export interface FigureKind {
  sex: PopulationSex;
  ageFrom: number;
  ageTo: number | null;
  source: Source;
}

export const kindKey = (kind: FigureKind) =>
  `${kind.source}|${kind.sex}|${kind.ageFrom}|${kind.ageTo ?? '+'}`;

const allAges = (kind: FigureKind) => kind.ageFrom === 0 && kind.ageTo === null;

/** All ages first, then by age range (open ends last), then both sexes before male and female, then source. */
export function compareKinds(a: FigureKind, b: FigureKind): number {
  return (
    Number(allAges(b)) - Number(allAges(a)) ||
    a.ageFrom - b.ageFrom ||
    (a.ageTo ?? Infinity) - (b.ageTo ?? Infinity) ||
    SEXES.indexOf(a.sex) - SEXES.indexOf(b.sex) ||
    SOURCES.indexOf(a.source) - SOURCES.indexOf(b.source)
  );
}
