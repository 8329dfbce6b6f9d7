import type { AgeRange, FigureKind, PopulationFigure } from './figure.ts';

interface Counted extends AgeRange {
  count: number;
}

/**
 * The count of `target` from stored ranges that tile it exactly, or null when they cannot. Statistics arrive in
 * whatever granularity was published (single years, 5-year groups, 60+/65+/80+ bands, a bare total), so "aged 60+"
 * may be one stored band, 60–64 plus 65+, or single years 60…99 plus 100+. Among several tilings the one with the
 * fewest pieces wins: a published band is taken as stated rather than re-added from finer rows that may not agree.
 * Ranges that straddle the target's edges are useless (a 55–64 group says nothing about 60–64) and are ignored.
 */
export function sumOverRange(ranges: readonly Counted[], target: AgeRange): number | null {
  const end = target.ageTo === null ? Infinity : target.ageTo + 1;
  const byStart = new Map<number, { next: number; count: number }[]>();
  for (const range of ranges) {
    const next = range.ageTo === null ? Infinity : range.ageTo + 1;
    if (range.ageFrom < target.ageFrom || next > end) continue;
    const list = byStart.get(range.ageFrom) ?? [];
    list.push({ next, count: range.count });
    byStart.set(range.ageFrom, list);
  }
  const memo = new Map<number, { pieces: number; count: number } | null>();
  const cover = (from: number): { pieces: number; count: number } | null => {
    if (from === end) return { pieces: 0, count: 0 };
    if (memo.has(from)) return memo.get(from)!;
    let best: { pieces: number; count: number } | null = null;
    for (const piece of byStart.get(from) ?? []) {
      const rest = cover(piece.next);
      if (rest && (!best || rest.pieces + 1 < best.pieces)) {
        best = { pieces: rest.pieces + 1, count: rest.count + piece.count };
      }
    }
    memo.set(from, best);
    return best;
  };
  return cover(target.ageFrom)?.count ?? null;
}

/**
 * The count of one kind of figure (year, basis, sex, source, age range) from a region's stored figures, or null.
 * Both sexes may also come from male plus female when only the split was published.
 */
export function deriveCount(figures: readonly PopulationFigure[], kind: FigureKind): number | null {
  const matching = figures.filter(
    (figure) =>
      figure.year === kind.year &&
      figure.basis === kind.basis &&
      figure.sex === kind.sex &&
      figure.source === kind.source,
  );
  const direct = sumOverRange(matching, kind);
  if (direct !== null || kind.sex !== 'total') return direct;
  const male = deriveCount(figures, { ...kind, sex: 'male' });
  const female = male === null ? null : deriveCount(figures, { ...kind, sex: 'female' });
  return male === null || female === null ? null : male + female;
}
