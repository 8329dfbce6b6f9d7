/**
 * Integers proportional to `weights` that add up to `total` exactly (largest-remainder rounding): each part gets the
 * floor of its exact share, and the units left over go to the largest fractional remainders, ties to the earlier
 * part so that the result does not depend on sort stability. All-zero weights share the total evenly.
 */
export function scaleToTotal(weights: readonly number[], total: number): number[] {
  if (!Number.isInteger(total) || total < 0)
    throw new RangeError(`total must be a whole number ≥ 0: ${total}`);
  if (weights.length === 0) {
    if (total !== 0) throw new RangeError('cannot share a total over no parts');
    return [];
  }
  if (weights.some((weight) => !(weight >= 0) || !Number.isFinite(weight))) {
    throw new RangeError('weights must be finite and ≥ 0');
  }
  const sum = weights.reduce((acc, weight) => acc + weight, 0);
  const shares =
    sum > 0 ? weights.map((weight) => (weight / sum) * total) : weights.map(() => total / weights.length);
  const parts = shares.map(Math.floor);
  let left = total - parts.reduce((acc, part) => acc + part, 0);
  const order = shares
    .map((share, index) => ({ index, remainder: share - Math.floor(share) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of order) {
    if (left <= 0) break;
    parts[index] += 1;
    left -= 1;
  }
  return parts;
}

/**
 * Small areas scaled to their parent, cell by cell: `children[c][i]` are child c's projected counts for cell i
 * (a year, sex and age group), `totals[i]` the parent's integer count for that cell. Every cell of the result adds
 * up to the parent exactly; within a cell the children keep their proportions.
 */
export function rakeToTotals(
  children: readonly (readonly number[])[],
  totals: readonly number[],
): number[][] {
  const scaled = children.map(() => new Array<number>(totals.length).fill(0));
  totals.forEach((total, cell) => {
    scaleToTotal(
      children.map((child) => child[cell]),
      total,
    ).forEach((part, child) => (scaled[child][cell] = part));
  });
  return scaled;
}
