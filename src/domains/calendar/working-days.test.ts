import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OFFICIAL_ARRANGEMENTS } from './official-arrangements.ts';
import {
  addWorkingDays,
  calendarCovers,
  chinaDate,
  isoWeekday,
  isWorkingDay,
  workingCalendar,
  workingDaysBetween,
} from './working-days.ts';

const calendar = workingCalendar(OFFICIAL_ARRANGEMENTS);
const bare = workingCalendar([]);

describe('working days under the adjusted calendar (调休)', () => {
  it('knows the weekday of a date', () => {
    assert.equal(isoWeekday('1970-01-01'), 4);
    assert.equal(isoWeekday('2026-10-10'), 6);
    assert.equal(isoWeekday('2026-09-20'), 7);
    assert.equal(isoWeekday('2026-09-21'), 1);
  });

  it('a public holiday on a weekday is not a working day', () => {
    assert.equal(isWorkingDay('2026-10-05', bare), true, 'a Monday without the calendar');
    assert.equal(isWorkingDay('2026-10-05', calendar), false, '国庆 Monday with it');
  });

  it('a swapped weekend is a working day, an ordinary weekend is not', () => {
    assert.equal(isWorkingDay('2026-10-10', calendar), true, 'Saturday 10 October 2026 is worked');
    assert.equal(isWorkingDay('2026-09-20', calendar), true, 'Sunday 20 September 2026 is worked');
    assert.equal(isWorkingDay('2026-01-04', calendar), true, 'Sunday 4 January 2026 is worked');
    assert.equal(isWorkingDay('2026-10-11', calendar), false, 'Sunday 11 October 2026 is off');
    assert.equal(isWorkingDay('2026-10-10', bare), false, 'without the calendar a Saturday is off');
  });

  it('a receipt due 5 working days after a filing on 2026-09-30 falls after 国庆, counting the worked Saturday', () => {
    // 1 Oct–7 Oct off; 8 (Thu) 1, 9 (Fri) 2, 10 (Sat, worked) 3, 12 (Mon) 4, 13 (Tue) 5.
    assert.equal(addWorkingDays('2026-09-30', 5, calendar), '2026-10-13');
    // Without the swap the Saturday would not count and the deadline would be a day later.
    const noSwap = workingCalendar(OFFICIAL_ARRANGEMENTS.filter((day) => day.date !== '2026-10-10'));
    assert.equal(addWorkingDays('2026-09-30', 5, noSwap), '2026-10-14');
  });

  it('15 working days across 春节 2026 count the worked Saturdays 14 and 28 February', () => {
    // From Fri 13 Feb: 14 (Sat, worked) 1; 15–23 off; 24–27 (Tue–Fri) 2–5; 28 (Sat, worked) 6; then Mar 2–6 7–11,
    // Mar 9–12 12–15.
    assert.equal(addWorkingDays('2026-02-13', 15, calendar), '2026-03-12');
  });

  it('the event day never counts, even when it is a working day', () => {
    assert.equal(addWorkingDays('2026-03-02', 1, calendar), '2026-03-03');
    assert.equal(addWorkingDays('2026-03-06', 1, calendar), '2026-03-09', 'Friday → Monday');
    assert.equal(addWorkingDays('2026-03-06', 0, calendar), '2026-03-06');
    assert.throws(() => addWorkingDays('2026-03-06', -1, calendar), RangeError);
  });

  it('a filing due 10 working days after a first admission across 劳动节 2025 counts the worked Sunday 27 April', () => {
    // From Fri 25 Apr: 27 (Sun, worked) 1, 28–30 2–4, 1–5 May off, 6–9 5–8, 12–13 9–10.
    assert.equal(addWorkingDays('2025-04-25', 10, calendar), '2025-05-13');
  });

  it('workingDaysBetween inverts addWorkingDays and is signed', () => {
    for (const [start, n] of [
      ['2026-09-30', 5],
      ['2026-02-13', 15],
      ['2025-12-31', 10],
      ['2025-09-26', 7],
    ] as const) {
      assert.equal(
        workingDaysBetween(start, addWorkingDays(start, n, calendar), calendar),
        n,
        `${start} + ${n}`,
      );
    }
    assert.equal(workingDaysBetween('2026-10-13', '2026-09-30', calendar), -5);
    assert.equal(workingDaysBetween('2026-10-01', '2026-10-07', calendar), 0, 'a week of holidays');
  });

  it('a deadline in a year without a published arrangement is provisional', () => {
    assert.equal(calendarCovers('2026-12-20', '2026-12-31', calendar), true);
    assert.equal(calendarCovers('2026-12-20', '2027-01-05', calendar), false);
  });

  it('dates are China dates: 23:30 UTC is already the next day in 淮北', () => {
    assert.equal(chinaDate(new Date('2026-09-29T23:30:00Z')), '2026-09-30');
    assert.equal(chinaDate(new Date('2026-09-30T15:59:59Z')), '2026-09-30');
  });

  it('the seeded arrangement swaps only weekends and holds the published 2026 days', () => {
    for (const day of OFFICIAL_ARRANGEMENTS) {
      if (day.kind === 'workday_swap') assert.ok(isoWeekday(day.date) >= 6, `${day.date} is a weekend`);
    }
    const holidays2026 = OFFICIAL_ARRANGEMENTS.filter(
      (d) => d.kind === 'holiday' && d.date.startsWith('2026'),
    );
    assert.equal(holidays2026.length, 3 + 9 + 3 + 5 + 3 + 3 + 7);
    const holidays2025 = OFFICIAL_ARRANGEMENTS.filter(
      (d) => d.kind === 'holiday' && d.date.startsWith('2025'),
    );
    assert.equal(holidays2025.length, 1 + 8 + 3 + 5 + 3 + 8);
  });
});
