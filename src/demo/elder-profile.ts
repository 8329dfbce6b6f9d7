// What the registry knows about an elder beyond name and address: age as 淮北's elders are spread, conditions with
// periods that start, end and follow each other, and a capability level from an assessment.
import { addDays } from '../domains/calendar/working-days.ts';
import { CONDITION_KINDS, type ConditionKind } from '../domains/people/tables.ts';
import { later, yearsBefore, type PeopleContext as Context, type PlannedPerson } from './people-types.ts';
import type { Random } from './random.ts';

/** An age at asOf drawn the way 淮北's elders are spread (七普: most in their sixties, few past ninety). */
export function elderBirthDate(random: Random, asOf: string, older = false): string {
  const age = random.weighted<[number, number]>(
    older
      ? [
          [[70, 79], 45],
          [[80, 89], 40],
          [[90, 99], 15],
        ]
      : [
          [[60, 69], 55],
          [[70, 79], 30],
          [[80, 89], 12],
          [[90, 99], 3],
        ],
  );
  const years = random.int(age[0], age[1]);
  return addDays(yearsBefore(asOf, years + 1), random.int(1, 364));
}

export function childBirthDate(random: Random, asOf: string): string {
  return addDays(asOf, -random.int(20, 3 * 365 - 20));
}

/** Conditions and capability of an elder, with periods that start, end and follow each other. */
export function describeElder(ctx: Context, person: PlannedPerson): void {
  const { random, asOf } = ctx;
  const age = Number(asOf.slice(0, 4)) - Number(person.birthDate.slice(0, 4));
  const since = (from: string) =>
    random.date(later(from, yearsBefore(person.birthDate, -50)), addDays(asOf, -30));
  const alone = person.livingSituation === 'alone';

  const assistance = random.weighted<ConditionKind | null>([
    ['extreme_poverty', alone ? 0.08 : 0.025],
    ['minimum_living_allowance', 0.07],
    ['low_income', 0.05],
    [null, alone ? 0.8 : 0.855],
  ]);
  if (assistance) {
    const source = {
      extreme_poverty: '特困人员认定',
      minimum_living_allowance: '城乡低保审批',
      low_income: '低收入人口动态监测',
    } as Record<string, string>;
    const from = since('2014-01-01');
    if (assistance === 'low_income' || random.chance(0.8)) {
      person.conditions.push({
        kind: assistance,
        disabilityGrade: null,
        validFrom: from,
        validTo: null,
        source: source[assistance],
      });
    } else {
      // Low income first, then the household's situation worsened.
      const switched = random.date(addDays(from, 200), addDays(asOf, -10));
      person.conditions.push(
        {
          kind: 'low_income',
          disabilityGrade: null,
          validFrom: from,
          validTo: switched,
          source: source.low_income,
        },
        {
          kind: assistance,
          disabilityGrade: null,
          validFrom: switched,
          validTo: null,
          source: source[assistance],
        },
      );
    }
  }
  const birthYear = Number(person.birthDate.slice(0, 4));
  if (birthYear >= 1933 && birthYear <= 1966 && random.chance(0.015)) {
    person.conditions.push({
      kind: 'family_planning_special',
      disabilityGrade: null,
      validFrom: since('2012-01-01'),
      validTo: null,
      source: '计划生育特别扶助名单',
    });
  }
  if (random.chance(age >= 80 ? 0.15 : 0.07)) {
    const grade = random.weighted([
      [1, 10],
      [2, 20],
      [3, 35],
      [4, 35],
    ]);
    const from = since('2010-01-01');
    if (grade > 1 && random.chance(0.15)) {
      // Reassessed to a heavier grade: the old certificate's period ends where the new one starts.
      const reassessed = random.date(addDays(from, 365), addDays(asOf, -5));
      person.conditions.push(
        {
          kind: 'disability',
          disabilityGrade: grade,
          validFrom: from,
          validTo: reassessed,
          source: '残疾人证',
        },
        {
          kind: 'disability',
          disabilityGrade: grade - 1,
          validFrom: reassessed,
          validTo: null,
          source: '残疾人证（复评）',
        },
      );
    } else {
      person.conditions.push({
        kind: 'disability',
        disabilityGrade: grade,
        validFrom: from,
        validTo: null,
        source: '残疾人证',
      });
    }
  }
  const demented = age >= 70 && random.chance(age >= 80 ? 0.09 : 0.03);
  if (demented) {
    person.conditions.push({
      kind: 'dementia',
      disabilityGrade: null,
      validFrom: since('2018-01-01'),
      validTo: null,
      source: '医疗机构诊断',
    });
  }
  if (demented || random.chance(0.55)) {
    let level = random.weighted([
      [0, 45],
      [1, 25],
      [2, 15],
      [3, 9],
      [4, 6],
    ]);
    if (age >= 80 && random.chance(0.4)) level = Math.min(4, level + 1);
    if (demented) level = Math.max(level, 2);
    person.capabilityLevel = level;
    person.capabilityAssessedOn = random.date('2021-01-01', addDays(asOf, -1));
  }
}

const ASSISTANCE: readonly ConditionKind[] = ['extreme_poverty', 'minimum_living_allowance', 'low_income'];

/** However small the demo, a list filtered by any condition finds someone: a missing kind goes to an elder. */
export function coverEveryCondition(ctx: Context, persons: PlannedPerson[]): void {
  const { random, asOf } = ctx;
  const elders = persons.filter((person) => person.livingSituation !== null);
  for (const kind of CONDITION_KINDS) {
    if (persons.some((person) => person.conditions.some((condition) => condition.kind === kind))) continue;
    const free = elders.filter((person) =>
      person.conditions.every(
        (condition) =>
          condition.kind !== kind && !(ASSISTANCE.includes(kind) && ASSISTANCE.includes(condition.kind)),
      ),
    );
    if (free.length === 0) continue;
    random.pick(free).conditions.push({
      kind,
      disabilityGrade: kind === 'disability' ? random.int(1, 4) : null,
      validFrom: random.date('2016-01-01', addDays(asOf, -30)),
      validTo: null,
      source: '演示数据补充',
    });
  }
}
