import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { giveReasons, needsReason } from './flag-reasons.ts';
import type { FlagView } from './schemas.ts';

const AT = new Date('2026-01-26T03:00:00Z');
const FAR_AND_LATE: FlagView[] = [
  { code: 'far_from_home', reasonCode: null },
  { code: 'off_schedule', reasonCode: null },
];

describe('reasons given after the server flagged a visit', () => {
  it('an off-site reason answers the location flag only, and records when and the note', () => {
    const result = giveReasons(FAR_AND_LATE, { offSiteReason: 'in_hospital', note: '在市医院探望' }, AT);
    assert.ok('flags' in result);
    assert.deepEqual(result.flags, [
      {
        code: 'far_from_home',
        reasonCode: 'in_hospital',
        reasonNote: '在市医院探望',
        reasonGivenAt: '2026-01-26T03:00:00.000Z',
      },
      { code: 'off_schedule', reasonCode: null },
    ]);
    assert.equal(needsReason(result.flags), true, 'the timing flag still lacks its reason');
  });

  it('both reasons at once answer every flag', () => {
    const result = giveReasons(
      FAR_AND_LATE,
      { offSiteReason: 'gps_inaccurate', offScheduleReason: 'person_away' },
      AT,
    );
    assert.ok('flags' in result);
    assert.deepEqual(
      result.flags.map((flag) => [flag.code, flag.reasonCode, flag.reasonNote]),
      [
        ['far_from_home', 'gps_inaccurate', null],
        ['off_schedule', 'person_away', null],
      ],
    );
    assert.equal(needsReason(result.flags), false);
  });

  it('a late extra visit is a timing flag; a missing location a location flag', () => {
    const result = giveReasons(
      [
        { code: 'no_location', reasonCode: null },
        { code: 'late_extra_visit', reasonCode: null },
      ],
      { offSiteReason: 'met_elsewhere', offScheduleReason: 'emergency' },
      AT,
    );
    assert.ok('flags' in result);
    assert.deepEqual(
      result.flags.map((flag) => flag.reasonCode),
      ['met_elsewhere', 'emergency'],
    );
  });

  it('refuses no reason, a reason for a flag the visit does not have, and “other” without a note', () => {
    const paths = (input: Parameters<typeof giveReasons>[1], flags = FAR_AND_LATE) => {
      const result = giveReasons(flags, input, AT);
      assert.ok('problems' in result);
      return result.problems.map((problem) => problem.path);
    };
    assert.deepEqual(paths({}), ['body']);
    assert.deepEqual(
      paths({ offScheduleReason: 'person_away' }, [{ code: 'no_location', reasonCode: null }]),
      ['body.offScheduleReason'],
    );
    assert.deepEqual(paths({ offSiteReason: 'other' }), ['body.note']);
  });
});
