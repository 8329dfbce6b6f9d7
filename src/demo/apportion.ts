// Splitting a published total over records: the demo's facilities must add up to the plan's figures exactly.

/**
 * Integer parts of `total` proportional to `weights` (largest remainder), none above its cap. Parts whose weight is
 * zero get nothing unless the others cannot hold the total. Throws when the caps cannot hold it at all.
 */
export function apportion(total: number, weights: readonly number[], caps?: readonly number[]): number[] {
  if (!Number.isInteger(total) || total < 0) throw new Error(`apportion: total ${total} is not a count`);
  const limit = caps ?? weights.map(() => Infinity);
  const room = limit.reduce((sum, cap) => sum + cap, 0);
  if (total > room) throw new Error(`apportion: ${total} does not fit under caps totalling ${room}`);
  const parts = weights.map(() => 0);
  let left = total;
  // Proportional shares among the parts with room, capped; what a cap cuts off goes round again.
  for (let round = 0; left > 0 && round < weights.length + 1; round++) {
    const open = weights.map((_, i) => i).filter((i) => parts[i] < limit[i]);
    const weightSum = open.reduce((sum, i) => sum + Math.max(weights[i], 0), 0);
    const share = (i: number) =>
      weightSum > 0 ? (left * Math.max(weights[i], 0)) / weightSum : left / open.length;
    const exact = open.map((i) => [i, Math.min(share(i), limit[i] - parts[i])] as const);
    let given = 0;
    for (const [i, amount] of exact) {
      const whole = Math.floor(amount);
      parts[i] += whole;
      given += whole;
    }
    left -= given;
    // Largest remainders take the units the floors left over.
    const byRemainder = exact
      .map(([i, amount]) => [i, amount - Math.floor(amount)] as const)
      .filter(([i]) => parts[i] < limit[i])
      .sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    for (const [i, remainder] of byRemainder) {
      if (left === 0 || remainder === 0) break;
      parts[i] += 1;
      left -= 1;
    }
    if (given === 0 && left > 0) {
      // Every share was below one unit: hand out single units in weight order.
      const order = open.filter((i) => parts[i] < limit[i]).sort((a, b) => weights[b] - weights[a] || a - b);
      for (const i of order) {
        if (left === 0) break;
        parts[i] += 1;
        left -= 1;
      }
    }
  }
  if (left > 0) throw new Error('apportion: could not place the whole total');
  return parts;
}
