import { z } from 'zod';

// Imported by the console as well as the API (web/src/people), so it depends on nothing but zod: the form and the
// server reject a birth date by the very same rule.

/** The earliest birth date the registry accepts; the person table's CHECK holds the same bound. */
export const EARLIEST_BIRTH_DATE = '1880-01-01';

/** The calendar date in China (UTC+8, no daylight saving since 1991): ages, periods and "today" are China dates. */
export function chinaDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Why a birth date is impossible on `today`, or null. */
export function birthDateProblem(birthDate: string, today: string): 'too_early' | 'future' | null {
  if (birthDate < EARLIEST_BIRTH_DATE) return 'too_early';
  if (birthDate > today) return 'future';
  return null;
}

/**
 * A birth date between 1880-01-01 and today by `clock` (the server's clock in the API, the browser's in the form).
 * The message carries both languages because the API's schema errors show the zod message as it is.
 */
export function birthDateSchema(clock: () => Date) {
  return z.iso.date().refine((value) => birthDateProblem(value, chinaDate(clock())) === null, {
    message: `出生日期须在 ${EARLIEST_BIRTH_DATE} 至今天之间 / The birth date must lie between ${EARLIEST_BIRTH_DATE} and today`,
  });
}
