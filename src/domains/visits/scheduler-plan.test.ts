import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dueWork, MAX_CATCH_UP_MONTHS, nextMonth } from './scheduler-plan.ts';

describe('caring-visit scheduler: what a district is owed', () => {
  it('a district never run syncs today and generates only this month', () => {
    assert.deepEqual(dueWork({ lastSyncedOn: null, lastGeneratedMonth: null }, '2026-03-05'), {
      syncRoster: true,
      months: ['2026-03'],
    });
  });

  it('owes nothing more on a day already synced in a month already generated', () => {
    assert.deepEqual(dueWork({ lastSyncedOn: '2026-03-05', lastGeneratedMonth: '2026-03' }, '2026-03-05'), {
      syncRoster: false,
      months: [],
    });
  });

  it('the first run of a new day syncs again; the first run of a new month generates it', () => {
    assert.deepEqual(dueWork({ lastSyncedOn: '2026-03-31', lastGeneratedMonth: '2026-03' }, '2026-04-01'), {
      syncRoster: true,
      months: ['2026-04'],
    });
  });

  it('catches up every month missed while down, once each and in order, across a year end', () => {
    assert.deepEqual(
      dueWork({ lastSyncedOn: '2025-11-20', lastGeneratedMonth: '2025-11' }, '2026-02-10').months,
      ['2025-12', '2026-01', '2026-02'],
    );
  });

  it('reaches back at most a year', () => {
    const months = dueWork(
      { lastSyncedOn: '2023-01-01', lastGeneratedMonth: '2023-01' },
      '2026-02-10',
    ).months;
    assert.equal(months.length, MAX_CATCH_UP_MONTHS);
    assert.equal(months.at(-1), '2026-02');
    assert.equal(months[0], '2025-03');
  });

  it('nextMonth rolls over December', () => {
    assert.equal(nextMonth('2025-12'), '2026-01');
    assert.equal(nextMonth('2026-09'), '2026-10');
  });
});
