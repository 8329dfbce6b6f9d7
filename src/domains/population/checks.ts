import type { LocalisedText } from '../../server/errors.ts';
import { deriveCount } from './age-bands.ts';
import { describeKind, type FigureKind, type PopulationFigure } from './figure.ts';

/**
 * A figure that does not add up. Always a warning, never a refusal: published statistics are rounded, revised and
 * compiled at different dates, so a city's bulletin rarely equals the sum of its districts', and the platform must
 * still store what was published.
 */
export interface PopulationWarning extends FigureKind {
  code: 'children_sum_differs' | 'sex_sum_differs';
  /** The region whose stated figure is compared. */
  regionCode: string;
  stated: number;
  /** Sum of the children's figures, or male + female. */
  computed: number;
  /** computed − stated. */
  difference: number;
  /** For children_sum_differs: how many of the live children had the figure, of how many. */
  childrenCounted: number | null;
  childrenTotal: number | null;
  message: LocalisedText;
}

export interface RegionFigures {
  regionCode: string;
  figures: readonly PopulationFigure[];
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** Male + female against the stated total of the same range and source, wherever both sexes can be derived. */
export function sexConsistencyWarnings(figures: readonly PopulationFigure[]): PopulationWarning[] {
  const warnings: PopulationWarning[] = [];
  for (const total of figures) {
    if (total.sex !== 'total') continue;
    const male = deriveCount(figures, { ...total, sex: 'male' });
    const female = male === null ? null : deriveCount(figures, { ...total, sex: 'female' });
    if (male === null || female === null || male + female === total.count) continue;
    const computed = male + female;
    const what = describeKind(total);
    warnings.push({
      ...kindOf(total),
      code: 'sex_sum_differs',
      regionCode: total.regionCode,
      stated: total.count,
      computed,
      difference: computed - total.count,
      childrenCounted: null,
      childrenTotal: null,
      message: {
        'zh-CN': `${what['zh-CN']}：男女之和 ${computed} 与合计 ${total.count} 相差 ${signed(computed - total.count)}`,
        'en-US': `${what['en-US']}: male + female is ${computed}, the total says ${total.count} (${signed(computed - total.count)})`,
      },
    });
  }
  return warnings;
}

/**
 * Each stated figure of a region against the sum of the same figure over its live children. When every child has
 * it, any difference is reported; when some lack it the partial sum can only be compared as a floor, so only a
 * partial sum already above the stated figure is reported.
 */
export function childrenSumWarnings(
  parent: RegionFigures,
  children: readonly RegionFigures[],
): PopulationWarning[] {
  if (children.length === 0) return [];
  const warnings: PopulationWarning[] = [];
  for (const figure of parent.figures) {
    let computed = 0;
    let counted = 0;
    for (const child of children) {
      const count = deriveCount(child.figures, figure);
      if (count === null) continue;
      computed += count;
      counted += 1;
    }
    if (counted === 0) continue;
    const complete = counted === children.length;
    if (complete ? computed === figure.count : computed <= figure.count) continue;
    const what = describeKind(figure);
    const partial = complete
      ? { zh: '', en: '' }
      : {
          zh: `（仅 ${counted}/${children.length} 个下级区划有数据）`,
          en: ` (only ${counted} of ${children.length} subdivisions have it)`,
        };
    warnings.push({
      ...kindOf(figure),
      code: 'children_sum_differs',
      regionCode: parent.regionCode,
      stated: figure.count,
      computed,
      difference: computed - figure.count,
      childrenCounted: counted,
      childrenTotal: children.length,
      message: {
        'zh-CN': `${what['zh-CN']}：下级区划合计 ${computed} 与本级 ${figure.count} 相差 ${signed(computed - figure.count)}${partial.zh}`,
        'en-US': `${what['en-US']}: the subdivisions add up to ${computed}, the region says ${figure.count} (${signed(computed - figure.count)})${partial.en}`,
      },
    });
  }
  return warnings;
}

function kindOf(figure: PopulationFigure): FigureKind {
  return {
    year: figure.year,
    basis: figure.basis,
    sex: figure.sex,
    source: figure.source,
    ageFrom: figure.ageFrom,
    ageTo: figure.ageTo,
  };
}
