// A seeded pseudo-random source for the demo city: the same seed gives the same city on every load, so tests can
// count on its numbers. mulberry32: tiny, fast and well-distributed enough for synthetic records (never for secrets).
import { dateOfDayNumber, dayNumber } from '../domains/calendar/working-days.ts';

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** One of the entries, each as likely as its weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
  shuffle<T>(items: readonly T[]): T[];
  /** A date in [from, to], both 'YYYY-MM-DD' and included. */
  date(from: string, to: string): string;
  /**
   * An independent stream for one concern: adding a person must not move every facility, so each part of the demo
   * draws from its own fork.
   */
  fork(label: string): Random;
}

function hash32(text: string, seed: number): number {
  // FNV-1a over the label, mixed with the parent seed.
  let h = (2166136261 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h;
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (probability) => next() < probability,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)];
    },
    weighted: (entries) => {
      const sum = entries.reduce((total, [, weight]) => total + weight, 0);
      let draw = next() * sum;
      for (const [item, weight] of entries) {
        draw -= weight;
        if (draw < 0) return item;
      }
      return entries[entries.length - 1][0];
    },
    shuffle: (items) => {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [copy[j], copy[i]];
      }
      return copy;
    },
    date: (from, to) => dateOfDayNumber(int(dayNumber(from), dayNumber(to))),
    fork: (label) => seededRandom(hash32(label, seed)),
  };
}
