import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  daysLeftInMonth,
  distanceMeters,
  extraVisitDue,
  frequencyOf,
  monthlyRate,
  regularPeriods,
  rosterDecision,
  settingFor,
  taskStatus,
  unvisitedAlertDue,
  visitFlags,
  type FlagInput,
  type PersonFacts,
  type SettingRow,
  type VisitSettings,
} from './rules.ts';

const SETTINGS: VisitSettings = {
  highFrequency: 'weekly',
  keyFrequency: 'monthly',
  generalFrequency: 'quarterly',
  highRiskAge: 80,
  extraVisitHours: 24,
  distanceToleranceM: 300,
  scheduleToleranceDays: 3,
  alertDays: 7,
  targetRate: 100,
};
const ON = '2026-06-15';

function elder(patch: Partial<PersonFacts>): PersonFacts {
  return {
    birthDate: '1950-01-01',
    livingSituation: 'with_family',
    capabilityLevel: 0,
    conditions: [],
    ...patch,
  };
}

describe('roster rules', () => {
  it('puts elders living alone, empty-nest or left-behind on the roster, and not an able elder with family', () => {
    for (const livingSituation of ['alone', 'empty_nest', 'left_behind'] as const) {
      assert.equal(rosterDecision(elder({ livingSituation }), SETTINGS, ON).include, true, livingSituation);
    }
    assert.equal(rosterDecision(elder({}), SETTINGS, ON).include, false);
  });

  it('counts 中度以上失能 (level ≥2), disability grade 1–2 and 计划生育特殊家庭, only while the condition holds', () => {
    assert.deepEqual(rosterDecision(elder({ capabilityLevel: 2 }), SETTINGS, ON).reasons, ['disabled']);
    assert.equal(rosterDecision(elder({ capabilityLevel: 1 }), SETTINGS, ON).include, false);
    const grade = (disabilityGrade: number, to: string | null = null) =>
      elder({ conditions: [{ kind: 'disability', disabilityGrade, from: '2020-01-01', to }] });
    assert.equal(rosterDecision(grade(2), SETTINGS, ON).include, true);
    assert.equal(rosterDecision(grade(3), SETTINGS, ON).include, false);
    assert.equal(
      rosterDecision(grade(1, '2026-06-01'), SETTINGS, ON).include,
      false,
      'ended before the date',
    );
    const special = elder({
      conditions: [{ kind: 'family_planning_special', disabilityGrade: null, from: '2026-06-16', to: null }],
    });
    assert.equal(rosterDecision(special, SETTINGS, ON).include, false, 'not yet valid');
    assert.equal(rosterDecision(special, SETTINGS, '2026-06-16').include, true);
  });

  it('leaves persons under 60 off the roster whatever their situation', () => {
    assert.equal(
      rosterDecision(elder({ birthDate: '1966-06-16', livingSituation: 'alone' }), SETTINGS, ON).include,
      false,
    );
    assert.equal(
      rosterDecision(elder({ birthDate: '1966-06-15', livingSituation: 'alone' }), SETTINGS, ON).include,
      true,
    );
  });

  it('follows a staff override both ways, marking an inclusion the rules would not make', () => {
    const excluded = rosterDecision(elder({ livingSituation: 'alone' }), SETTINGS, ON, {
      include: false,
      tier: null,
    });
    assert.equal(excluded.include, false);
    const included = rosterDecision(elder({}), SETTINGS, ON, { include: true, tier: 'key' });
    assert.deepEqual(
      [included.include, included.tier, included.ruleTier, included.reasons[0]],
      [true, 'key', 'general', 'override'],
    );
  });
});

describe('tiers and frequencies', () => {
  it('makes an elder of 80 or more living alone high-risk, visited weekly; younger alone is key, monthly', () => {
    const old = rosterDecision(elder({ birthDate: '1946-06-15', livingSituation: 'alone' }), SETTINGS, ON);
    assert.deepEqual([old.tier, frequencyOf(old.tier, SETTINGS)], ['high', 'weekly']);
    assert.ok(old.reasons.includes('age_80_plus'));
    const younger = rosterDecision(
      elder({ birthDate: '1946-06-16', livingSituation: 'alone' }),
      SETTINGS,
      ON,
    );
    assert.deepEqual([younger.tier, frequencyOf(younger.tier, SETTINGS)], ['key', 'monthly']);
  });

  it('makes severe disability or dementia without family high-risk, and an empty-nest elder general (quarterly)', () => {
    assert.equal(
      rosterDecision(elder({ livingSituation: 'empty_nest', capabilityLevel: 3 }), SETTINGS, ON).tier,
      'high',
    );
    const dementia = elder({
      livingSituation: 'empty_nest',
      conditions: [{ kind: 'dementia', disabilityGrade: null, from: '2025-01-01', to: null }],
    });
    assert.equal(rosterDecision(dementia, SETTINGS, ON).tier, 'high');
    const plain = rosterDecision(elder({ livingSituation: 'empty_nest' }), SETTINGS, ON).tier;
    assert.deepEqual([plain, frequencyOf(plain, SETTINGS)], ['general', 'quarterly']);
  });

  it('takes frequencies and the high-risk age from the city settings, the most specific region valid on the date', () => {
    const rows: SettingRow[] = [
      { ...SETTINGS, regionCode: null, validFrom: '2020-01-01', validTo: null },
      {
        ...SETTINGS,
        regionCode: '3406',
        validFrom: '2026-01-01',
        validTo: '2026-07-01',
        generalFrequency: 'monthly',
        highRiskAge: 75,
      },
    ];
    assert.equal(settingFor(rows, '340603001001', ON)?.generalFrequency, 'monthly');
    assert.equal(settingFor(rows, '340603001001', '2026-07-01')?.generalFrequency, 'quarterly');
    assert.equal(settingFor(rows, '410000', ON)?.generalFrequency, 'quarterly');
    const local = settingFor(rows, '3406', ON)!;
    assert.equal(
      rosterDecision(elder({ birthDate: '1951-01-01', livingSituation: 'alone' }), local, ON).tier,
      'high',
    );
  });
});

describe('task periods', () => {
  it('owes a weekly target each Monday–Sunday week overlapping the month', () => {
    // June 2026 starts on a Monday: weeks of the 1st, 8th, 15th, 22nd, 29th (the last one ends 5 July).
    const weeks = regularPeriods('weekly', '2026-06', '2026-01-01');
    assert.deepEqual(
      weeks.map((w) => w.periodStart),
      ['2026-06-01', '2026-06-08', '2026-06-15', '2026-06-22', '2026-06-29'],
    );
    assert.equal(weeks[4]!.dueOn, '2026-07-05');
    // July 2026 starts on a Wednesday: its first week is the one of Monday 29 June, which June owes too.
    assert.equal(regularPeriods('weekly', '2026-07', '2026-01-01')[0]!.periodStart, '2026-06-29');
  });

  it('owes a monthly target the month and a quarterly target its quarter, skipping periods before entry', () => {
    assert.deepEqual(regularPeriods('monthly', '2026-02', '2026-01-01'), [
      { periodStart: '2026-02-01', dueOn: '2026-02-28' },
    ]);
    assert.deepEqual(regularPeriods('quarterly', '2026-05', '2026-01-01'), [
      { periodStart: '2026-04-01', dueOn: '2026-06-30' },
    ]);
    assert.deepEqual(regularPeriods('quarterly', '2026-12', '2026-01-01'), [
      { periodStart: '2026-10-01', dueOn: '2026-12-31' },
    ]);
    assert.equal(regularPeriods('weekly', '2026-06', '2026-06-20').length, 3);
  });

  it('dues an extra visit 24 hours after the major change, and shows an open task past due as overdue', () => {
    assert.equal(
      extraVisitDue(new Date('2026-06-15T10:00:00Z'), SETTINGS).toISOString(),
      '2026-06-16T10:00:00.000Z',
    );
    assert.equal(taskStatus('open', '2026-06-14', ON), 'overdue');
    assert.equal(taskStatus('open', ON, ON), 'open');
    assert.equal(taskStatus('done', '2026-06-01', ON), 'done');
  });
});

describe('visit flags', () => {
  const home = { lat: 33.9562, lng: 116.7983 };
  const base: FlagInput = {
    mode: 'door',
    distanceM: 0,
    homeKnown: true,
    locationGiven: true,
    visitedOn: '2026-06-10',
    startedAt: new Date('2026-06-10T02:00:00Z'),
    task: { periodStart: '2026-06-08', dueOn: '2026-06-14', dueAt: null },
    offSiteReason: null,
    offScheduleReason: null,
  };

  it('measures distance in metres rounded to 10 m', () => {
    // 0.01° of latitude is about 1,112 m.
    assert.equal(distanceMeters(home, { lat: home.lat + 0.01, lng: home.lng }), 1110);
    assert.equal(distanceMeters(home, home), 0);
  });

  it("flags a door visit beyond the tolerance with the worker's reason code, and not one within it", () => {
    assert.deepEqual(visitFlags({ ...base, distanceM: 300 }, SETTINGS), []);
    assert.deepEqual(visitFlags({ ...base, distanceM: 1110, offSiteReason: 'in_hospital' }, SETTINGS), [
      { code: 'far_from_home', reasonCode: 'in_hospital' },
    ]);
    assert.deepEqual(visitFlags({ ...base, locationGiven: false, distanceM: null }, SETTINGS), [
      { code: 'no_location', reasonCode: null },
    ]);
    assert.deepEqual(
      visitFlags({ ...base, homeKnown: false, distanceM: null }, SETTINGS),
      [],
      'no home to compare',
    );
    assert.deepEqual(
      visitFlags({ ...base, mode: 'phone', locationGiven: false, distanceM: null }, SETTINGS),
      [],
    );
  });

  it('flags a visit more than the tolerance days outside its period, and an extra visit after its deadline', () => {
    assert.deepEqual(visitFlags({ ...base, visitedOn: '2026-06-17' }, SETTINGS), []);
    assert.deepEqual(
      visitFlags({ ...base, visitedOn: '2026-06-18', offScheduleReason: 'person_away' }, SETTINGS),
      [{ code: 'off_schedule', reasonCode: 'person_away' }],
    );
    const extra = { periodStart: '2026-06-10', dueOn: '2026-06-11', dueAt: new Date('2026-06-11T01:00:00Z') };
    assert.deepEqual(
      visitFlags(
        { ...base, task: extra, startedAt: new Date('2026-06-11T01:30:00Z'), visitedOn: '2026-06-11' },
        SETTINGS,
      ),
      [{ code: 'late_extra_visit', reasonCode: null }],
    );
  });
});

describe('monthly rate and alerts', () => {
  it('divides visited targets by targets, in percent to one decimal, and has no rate without targets', () => {
    assert.equal(monthlyRate(3, 2), 66.7);
    assert.equal(monthlyRate(4, 4), 100);
    assert.equal(monthlyRate(0, 0), null);
  });

  it('shows unvisited targets from the day 7 days of the month remain', () => {
    assert.equal(daysLeftInMonth('2026-06-30'), 1);
    assert.equal(daysLeftInMonth('2026-06-24'), 7);
    assert.equal(unvisitedAlertDue('2026-06-23', SETTINGS), false);
    assert.equal(unvisitedAlertDue('2026-06-24', SETTINGS), true);
  });
});
