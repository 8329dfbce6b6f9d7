// Mainland resident identity number, GB 11643-1999 (18-character form only; the
// 15-digit form was retired in 2013 and never reaches us from current documents).

export type IdNumberProblem = 'format' | 'check_digit' | 'birth_date' | 'address_code';

export type IdNumberParseResult =
  | { ok: true; value: string; birthDate: string; sex: 'male' | 'female'; addressCode: string }
  | { ok: false; problem: IdNumberProblem };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
const EARLIEST_BIRTH = '1880-01-01';

// Provinces, autonomous regions, municipalities, Taiwan (71), Hong Kong (81), Macao (82).
const PROVINCE_CODES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61,
  62, 63, 64, 65, 71, 81, 82,
]);

export function idNumberCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('idNumberCheckChar expects exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** YYYYMMDD → YYYY-MM-DD if that calendar day exists, else null. */
function calendarDate(yyyymmdd: string): string | null {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (m < 1 || m > 12 || d < 1) return null;
  // Day 0 of the next month is the last day of this month; UTC avoids DST artefacts.
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > daysInMonth) return null;
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

// Birth dates on the card are China calendar dates, so "today" is taken in UTC+8
// (no DST since 1991) rather than in whatever zone the server happens to run.
function chinaDate(today: Date): string {
  return new Date(today.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** `today` as a moment, or already as the China calendar date (YYYY-MM-DD) when checking many numbers at once. */
export function parseIdNumber(raw: string, today: Date | string = new Date()): IdNumberParseResult {
  const value = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, problem: 'format' };
  // Checked before the fields: a single mistyped character usually breaks the check
  // digit, and "re-check the number" is the most useful message in that case.
  if (idNumberCheckChar(value.slice(0, 17)) !== value[17]) return { ok: false, problem: 'check_digit' };
  if (!PROVINCE_CODES.has(Number(value.slice(0, 2)))) return { ok: false, problem: 'address_code' };
  const birthDate = calendarDate(value.slice(6, 14));
  if (
    birthDate === null ||
    birthDate < EARLIEST_BIRTH ||
    birthDate > (typeof today === 'string' ? today : chinaDate(today))
  ) {
    return { ok: false, problem: 'birth_date' };
  }
  return {
    ok: true,
    value,
    birthDate,
    sex: Number(value[16]) % 2 === 1 ? 'male' : 'female',
    addressCode: value.slice(0, 6),
  };
}

/** First 6 + 8 asterisks + last 4, e.g. 340602********1234 (the usual display mask). */
export function maskIdNumber(value: string): string {
  // Anything that is not a full number is hidden completely rather than partly leaked.
  if (value.length !== 18) return '*'.repeat(value.length);
  return `${value.slice(0, 6)}********${value.slice(14)}`;
}

/** Builds a well-formed number for synthetic demo/test data. */
export function makeIdNumber(addressCode: string, birthDate: string, sequence: number): string {
  if (!/^\d{6}$/.test(addressCode)) throw new Error('makeIdNumber: addressCode must be 6 digits');
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!m || calendarDate(m[1] + m[2] + m[3]) === null) {
    throw new Error('makeIdNumber: birthDate must be an existing date YYYY-MM-DD');
  }
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999) {
    throw new Error('makeIdNumber: sequence must be an integer 0-999');
  }
  const first17 = addressCode + m[1] + m[2] + m[3] + String(sequence).padStart(3, '0');
  return first17 + idNumberCheckChar(first17);
}
