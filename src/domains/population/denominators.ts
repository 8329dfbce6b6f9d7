import type { LocalisedText } from '../../server/errors.ts';
import { deriveCount } from './age-bands.ts';
import type { FigureKind, PopulationFigure } from './figure.ts';
import {
  POPULATION_SOURCES,
  type PopulationBasis,
  type PopulationSex,
  type PopulationSource,
} from './tables.ts';

/** A count asked for without naming its source: the best available source answers. */
export type CountQuery = Omit<FigureKind, 'source'>;

export interface ResolvedCount {
  count: number;
  source: PopulationSource;
  /** 'own': the region's own figures; 'children': the sum over its subdivisions, the region having none. */
  derivedFrom: 'own' | 'children';
}

/**
 * A region's figures and its subdivisions, as far as they were loaded. `childrenOf` is undefined for a region
 * whose children were not loaded (its own figures sufficed), which the resolver treats as "cannot sum".
 */
export interface FigureTree {
  figuresOf(regionCode: string): readonly PopulationFigure[];
  childrenOf(regionCode: string): readonly string[] | undefined;
}

/** The denominators the plans' indicators divide by: per 1,000 residents, per 100 elderly, per child under 3. */
export const STANDARD_DENOMINATORS = [
  { key: 'total', ageFrom: 0, ageTo: null, label: { 'zh-CN': '总人口', 'en-US': 'total population' } },
  { key: 'aged60Plus', ageFrom: 60, ageTo: null, label: { 'zh-CN': '60岁及以上', 'en-US': 'aged 60+' } },
  { key: 'aged65Plus', ageFrom: 65, ageTo: null, label: { 'zh-CN': '65岁及以上', 'en-US': 'aged 65+' } },
  { key: 'aged80Plus', ageFrom: 80, ageTo: null, label: { 'zh-CN': '80岁及以上', 'en-US': 'aged 80+' } },
  { key: 'under3', ageFrom: 0, ageTo: 2, label: { 'zh-CN': '3岁以下（0–2岁）', 'en-US': 'under 3 (0–2)' } },
] as const satisfies readonly { key: string; ageFrom: number; ageTo: number | null; label: LocalisedText }[];

export type DenominatorKey = (typeof STANDARD_DENOMINATORS)[number]['key'];

const SEXES: readonly PopulationSex[] = ['total', 'male', 'female'];

/** From the region's own figures, trying sources from most to least trusted. */
export function resolveOwn(
  figures: readonly PopulationFigure[],
  query: CountQuery,
): { count: number; source: PopulationSource } | null {
  for (const source of POPULATION_SOURCES) {
    const count = deriveCount(figures, { ...query, source });
    if (count !== null) return { count, source };
  }
  return null;
}

/**
 * The region's own figure when it has one (of any source); otherwise the sum over its live children, all from one
 * source (a census count is never added to an estimate), each child in turn falling back to its own children.
 * A sum missing any child would understate the region, so it is no answer.
 */
export function resolveCount(tree: FigureTree, regionCode: string, query: CountQuery): ResolvedCount | null {
  const own = resolveOwn(tree.figuresOf(regionCode), query);
  if (own) return { ...own, derivedFrom: 'own' };
  for (const source of POPULATION_SOURCES) {
    const sum = sumOfChildren(tree, regionCode, { ...query, source });
    if (sum !== null) return { count: sum, source, derivedFrom: 'children' };
  }
  return null;
}

function sumOfChildren(tree: FigureTree, regionCode: string, kind: FigureKind): number | null {
  const children = tree.childrenOf(regionCode);
  if (!children || children.length === 0) return null;
  let sum = 0;
  for (const child of children) {
    const count = deriveCount(tree.figuresOf(child), kind) ?? sumOfChildren(tree, child, kind);
    if (count === null) return null;
    sum += count;
  }
  return sum;
}

export interface DenominatorSummary {
  key: DenominatorKey;
  ageFrom: number;
  ageTo: number | null;
  label: LocalisedText;
  total: ResolvedCount | null;
  male: ResolvedCount | null;
  female: ResolvedCount | null;
}

export function summarise(
  tree: FigureTree,
  regionCode: string,
  year: number,
  basis: PopulationBasis,
): DenominatorSummary[] {
  return STANDARD_DENOMINATORS.map((denominator) => {
    const { key, ageFrom, ageTo, label } = denominator;
    const resolve = (sex: PopulationSex) =>
      resolveCount(tree, regionCode, { year, basis, sex, ageFrom, ageTo });
    return {
      key,
      ageFrom,
      ageTo,
      label,
      total: resolve('total'),
      male: resolve('male'),
      female: resolve('female'),
    };
  });
}

/** Whether a region's own figures answer every standard denominator for every sex, so its children are not needed. */
export function answersAllDenominators(
  figures: readonly PopulationFigure[],
  year: number,
  basis: PopulationBasis,
): boolean {
  return STANDARD_DENOMINATORS.every(({ ageFrom, ageTo }) =>
    SEXES.every((sex) => resolveOwn(figures, { year, basis, sex, ageFrom, ageTo }) !== null),
  );
}
