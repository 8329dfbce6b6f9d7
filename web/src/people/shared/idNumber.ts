// Client-side hints for the resident identity number (GB 11643-1999), the same rules the server applies. They only
// warn: the server decides, and its answer is always shown on the field.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export type IdNumberHint = 'format' | 'check_digit' | 'birth_date' | null;

export function idNumberHint(raw: string): IdNumberHint {
  const value = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) return 'format';
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(value[i]) * WEIGHTS[i];
  if (CHECK_CHARS[sum % 11] !== value[17]) return 'check_digit';
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (m < 1 || m > 12 || d < 1 || d > last) return 'birth_date';
  return null;
}

/** Sex and birth date an ID number states, when it is well formed. */
export function idNumberFacts(raw: string): { sex: 'male' | 'female'; birthDate: string } | null {
  const value = raw.trim().toUpperCase();
  if (idNumberHint(value) !== null) return null;
  return {
    sex: Number(value[16]) % 2 === 1 ? 'male' : 'female',
    birthDate: `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`,
  };
}
