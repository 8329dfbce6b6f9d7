// Unified social credit code, GB 32100-2015.

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'; // I, O, S, V, Z are excluded by the standard
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type UsccProblem = 'format' | 'check_digit';

export type UsccParseResult = { ok: true; value: string } | { ok: false; problem: UsccProblem };

function isCodeChars(s: string): boolean {
  for (const c of s) if (!CHARSET.includes(c)) return false;
  return true;
}

export function usccCheckChar(first17: string): string {
  const s = first17.toUpperCase();
  if (s.length !== 17 || !isCodeChars(s)) {
    throw new Error('usccCheckChar expects 17 characters from the GB 32100 charset');
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(s[i]) * WEIGHTS[i];
  return CHARSET[(31 - (sum % 31)) % 31];
}

export function parseUscc(raw: string): UsccParseResult {
  const value = raw.trim().toUpperCase();
  if (value.length !== 18 || !isCodeChars(value)) return { ok: false, problem: 'format' };
  // Registration-authority / type prefixes are deliberately not whitelisted: the
  // authorities add new ones and a stale list would reject real organisations.
  if (usccCheckChar(value.slice(0, 17)) !== value[17]) return { ok: false, problem: 'check_digit' };
  return { ok: true, value };
}

/** Appends the check character; for synthetic demo/test data. */
export function makeUscc(first17: string): string {
  const s = first17.toUpperCase();
  return s + usccCheckChar(s);
}
