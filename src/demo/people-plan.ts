// Residents of the demo city: elders 60+ and children under three with the households that link them (three
// generations under one roof, young families, elders alone or as empty-nest couples, left-behind elders in the
// villages), living situations, capability levels, conditions with their validity periods (特困, 低保, 低收入,
// 计划生育特殊家庭, disability with its grade, dementia), relatives elsewhere and the consents they were given.
import { addDays } from '../domains/calendar/working-days.ts';
import {
  CONDITION_KINDS,
  type ConditionKind,
  type HouseholdRelation,
  type LivingSituation,
  type RelationshipKind,
  type Sex,
} from '../domains/people/tables.ts';
import { makeIdNumber } from '../shared/id-number.ts';
import { apportion } from './apportion.ts';
import { addressIn, villagesOf, type DemoCounty, type DemoRegions, type DemoVillage } from './demo-regions.ts';
import type { DemoSize } from './demo-size.ts';
import type { IdNumberMint } from './id-numbers.ts';
import { personName } from './names.ts';
import type { Random } from './random.ts';

export interface PlannedCondition {
  kind: ConditionKind;
  disabilityGrade: number | null;
  validFrom: string;
  validTo: string | null;
  source: string;
}

export interface PlannedPerson {
  regionCode: string;
  name: string;
  sex: Sex;
  birthDate: string;
  idNumber: string;
  address: string;
  registeredRegionCode: string | null;
  livingSituation: LivingSituation | null;
  capabilityLevel: number | null;
  capabilityAssessedOn: string | null;
  conditions: PlannedCondition[];
}

export interface PlannedHousehold {
  regionCode: string;
  address: string;
  head: PlannedPerson;
  members: { person: PlannedPerson; relation: HouseholdRelation; joinedOn: string }[];
}

export interface PlannedRelationship {
  from: PlannedPerson;
  to: PlannedPerson;
  kind: RelationshipKind;
}

export interface PlannedConsent {
  person: PlannedPerson;
  grantee: PlannedPerson;
  grantedAt: Date;
  revokedAt: Date | null;
  /** The county whose officer recorded it. */
  countyCode: string;
}

export interface PeoplePlan {
  persons: PlannedPerson[];
  households: PlannedHousehold[];
  relationships: PlannedRelationship[];
  consents: PlannedConsent[];
  /** The family demo account's person and the parent who consented. */
  family: { me: PlannedPerson; parent: PlannedPerson };
}

/** The family demo account's person, as every earlier version of the demo had her. */
export const FAMILY_PERSON = {
  regionCode: '340603',
  name: '刘晓梅',
  sex: 'female' as const,
  birthDate: '1978-05-16',
  idNumber: makeIdNumber('340603', '1978-05-16', 122),
  address: '淮北市相山区人民路12号',
};

// Residents by county in the same shares as the population figures (demo-population.ts).
const COUNTY_SHARES: Record<string, number> = { '340602': 0.17, '340603': 0.3, '340604': 0.15, '340621': 0.38 };

interface Context {
  regions: DemoRegions;
  size: DemoSize;
  random: Random;
  asOf: string;
  mint: IdNumberMint;
}

const yearsBefore = (date: string, years: number) => `${Number(date.slice(0, 4)) - years}${date.slice(4)}`.replace('-02-29', '-02-28');
const later = (a: string, b: string) => (a > b ? a : b);

class Registry {
  readonly persons: PlannedPerson[] = [];
  readonly households: PlannedHousehold[] = [];
  readonly relationships: PlannedRelationship[] = [];
  readonly consents: PlannedConsent[] = [];

  constructor(private readonly ctx: Context) {}

  person(spec: {
    village: DemoVillage;
    county: DemoCounty;
    sex: Sex;
    birthDate: string;
    familyName?: string;
    address?: string;
    livingSituation?: LivingSituation | null;
  }): PlannedPerson {
    const { random, mint, regions } = this.ctx;
    const others = regions.counties.filter((county) => county.code !== spec.county.code);
    const draw = random.next();
    const person: PlannedPerson = {
      regionCode: spec.village.code,
      name: personName(random, spec.sex, spec.birthDate, spec.familyName),
      sex: spec.sex,
      birthDate: spec.birthDate,
      idNumber: mint.issue(spec.county.code, spec.birthDate, spec.sex),
      address: spec.address ?? addressIn(regions, spec.village, random),
      // 户籍: mostly where they live, some registered in another county of the city, a few unknown.
      registeredRegionCode:
        draw < 0.85 ? spec.county.code : draw < 0.95 && others.length > 0 ? random.pick(others).code : null,
      livingSituation: spec.livingSituation ?? null,
      capabilityLevel: null,
      capabilityAssessedOn: null,
      conditions: [],
    };
    this.persons.push(person);
    return person;
  }

  relate(from: PlannedPerson, to: PlannedPerson, kind: RelationshipKind): void {
    this.relationships.push({ from, to, kind });
  }

  household(head: PlannedPerson, formed: string, others: [PlannedPerson, HouseholdRelation][]): void {
    this.households.push({
      regionCode: head.regionCode,
      address: head.address,
      head,
      members: [
        { person: head, relation: 'head', joinedOn: later(formed, head.birthDate) },
        ...others.map(([person, relation]) => ({ person, relation, joinedOn: later(formed, person.birthDate) })),
      ],
    });
  }
}

/** An age at asOf drawn the way 淮北's elders are spread (七普: most in their sixties, few past ninety). */
function elderBirthDate(random: Random, asOf: string, older = false): string {
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

function childBirthDate(random: Random, asOf: string): string {
  return addDays(asOf, -random.int(20, 3 * 365 - 20));
}

/** Conditions and capability of an elder, with periods that start, end and follow each other. */
function describeElder(ctx: Context, person: PlannedPerson): void {
  const { random, asOf } = ctx;
  const age = Number(asOf.slice(0, 4)) - Number(person.birthDate.slice(0, 4));
  const since = (from: string) => random.date(later(from, yearsBefore(person.birthDate, -50)), addDays(asOf, -30));
  const alone = person.livingSituation === 'alone';

  const assistance = random.weighted<ConditionKind | null>([
    ['extreme_poverty', alone ? 0.08 : 0.025],
    ['minimum_living_allowance', 0.07],
    ['low_income', 0.05],
    [null, alone ? 0.8 : 0.855],
  ]);
  if (assistance) {
    const source = { extreme_poverty: '特困人员认定', minimum_living_allowance: '城乡低保审批', low_income: '低收入人口动态监测' } as Record<
      string,
      string
    >;
    const from = since('2014-01-01');
    if (assistance === 'low_income' || random.chance(0.8)) {
      person.conditions.push({ kind: assistance, disabilityGrade: null, validFrom: from, validTo: null, source: source[assistance] });
    } else {
      // Low income first, then the household's situation worsened.
      const switched = random.date(addDays(from, 200), addDays(asOf, -10));
      person.conditions.push(
        { kind: 'low_income', disabilityGrade: null, validFrom: from, validTo: switched, source: source.low_income },
        { kind: assistance, disabilityGrade: null, validFrom: switched, validTo: null, source: source[assistance] },
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
        { kind: 'disability', disabilityGrade: grade, validFrom: from, validTo: reassessed, source: '残疾人证' },
        { kind: 'disability', disabilityGrade: grade - 1, validFrom: reassessed, validTo: null, source: '残疾人证（复评）' },
      );
    } else {
      person.conditions.push({ kind: 'disability', disabilityGrade: grade, validFrom: from, validTo: null, source: '残疾人证' });
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

export function planPeople(ctx: Context): PeoplePlan {
  const { random, regions, size, asOf, mint } = ctx;
  const registry = new Registry(ctx);
  const counties = regions.counties;
  const elders = apportion(
    size.people.elders,
    counties.map((county) => COUNTY_SHARES[county.code] ?? 0.1),
  );
  const children = apportion(
    size.people.children,
    counties.map((county) => COUNTY_SHARES[county.code] ?? 0.1),
  );

  counties.forEach((county, c) => {
    const villages = villagesOf(county);
    const rural = villages.filter((village) => !village.urban);
    const adultBorn = (elder: PlannedPerson) =>
      later(addDays(yearsBefore(elder.birthDate, -random.int(22, 34)), random.int(0, 300)), '1966-01-01');
    let eldersLeft = elders[c];
    let childrenLeft = children[c];

    const elder = (village: DemoVillage, living: LivingSituation, spec: { sex?: Sex; older?: boolean; familyName?: string; address?: string } = {}) => {
      const person = registry.person({
        village,
        county,
        sex: spec.sex ?? (random.chance(0.55) ? 'female' : 'male'),
        birthDate: elderBirthDate(random, asOf, spec.older),
        familyName: spec.familyName,
        address: spec.address,
        livingSituation: living,
      });
      describeElder(ctx, person);
      eldersLeft -= 1;
      return person;
    };
    const spouseOf = (village: DemoVillage, partner: PlannedPerson, living: LivingSituation | null, address: string) => {
      const birthDate = addDays(partner.birthDate, random.int(-5 * 365, 5 * 365));
      const person = registry.person({
        village,
        county,
        sex: partner.sex === 'male' ? 'female' : 'male',
        birthDate: birthDate > yearsBefore(asOf, 60) && living !== null ? yearsBefore(asOf, 61) : birthDate,
        address,
        livingSituation: living,
      });
      if (living !== null) {
        describeElder(ctx, person);
        eldersLeft -= 1;
      }
      registry.relate(partner, person, 'spouse_of');
      return person;
    };
    const baby = (village: DemoVillage, father: PlannedPerson, address: string) => {
      const person = registry.person({
        village,
        county,
        sex: random.chance(0.52) ? 'male' : 'female',
        birthDate: childBirthDate(random, asOf),
        familyName: father.name[0],
        address,
      });
      childrenLeft -= 1;
      if (random.chance(0.006)) {
        person.conditions.push({
          kind: 'disability',
          disabilityGrade: random.int(2, 4),
          // Assessed at about six months, unless the child is younger than that.
          validFrom: addDays(person.birthDate, 180) < asOf ? addDays(person.birthDate, 180) : person.birthDate,
          validTo: null,
          source: '残疾人证',
        });
      }
      return person;
    };

    // Three generations: grandparents, their son or daughter (and spouse), and a grandchild under three.
    const threeGenerations = Math.max(childrenLeft > 0 && eldersLeft > 1 ? 1 : 0, Math.round(childrenLeft * 0.4));
    for (let i = 0; i < threeGenerations && childrenLeft > 0 && eldersLeft > 0; i++) {
      const village = random.pick(villages);
      const head = elder(village, 'with_family', { sex: random.chance(0.6) ? 'male' : 'female' });
      const home = head.address;
      const grandma = eldersLeft > 0 && random.chance(0.7) ? spouseOf(village, head, 'with_family', home) : null;
      const childSex: Sex = random.chance(0.6) ? 'male' : 'female';
      const son = registry.person({
        village,
        county,
        sex: childSex,
        birthDate: adultBorn(head),
        familyName: head.sex === 'male' ? head.name[0] : grandma?.sex === 'male' ? grandma.name[0] : undefined,
        address: home,
      });
      const inLaw = random.chance(0.6) ? spouseOf(village, son, null, home) : null;
      const father = son.sex === 'male' ? son : (inLaw ?? son);
      const kids = [baby(village, father, home)];
      if (childrenLeft > 0 && random.chance(0.15)) kids.push(baby(village, father, home));
      registry.relate(son, head, 'child_of');
      if (grandma) registry.relate(son, grandma, 'child_of');
      for (const kid of kids) {
        registry.relate(kid, son, 'child_of');
        registry.relate(son, kid, 'guardian_of');
        if (inLaw) registry.relate(inLaw, kid, 'guardian_of');
      }
      registry.household(head, random.date('1980-01-01', '2005-12-31'), [
        ...(grandma ? [[grandma, 'spouse'] as [PlannedPerson, HouseholdRelation]] : []),
        [son, 'child'],
        ...(inLaw ? [[inLaw, 'other'] as [PlannedPerson, HouseholdRelation]] : []),
        ...kids.map((kid) => [kid, 'grandchild'] as [PlannedPerson, HouseholdRelation]),
      ]);
    }

    // Young families: parents and their little ones, some of them on 低保 together.
    while (childrenLeft > 0) {
      const village = random.pick(villages);
      const parentBorn = random.date('1986-01-01', yearsBefore(asOf, 22));
      const parent = registry.person({ village, county, sex: random.chance(0.7) ? 'male' : 'female', birthDate: parentBorn });
      const partner = random.chance(0.85) ? spouseOf(village, parent, null, parent.address) : null;
      const father = parent.sex === 'male' ? parent : (partner ?? parent);
      const kids = [baby(village, father, parent.address)];
      if (childrenLeft > 0 && random.chance(0.12)) kids.push(baby(village, father, parent.address));
      for (const kid of kids) {
        registry.relate(kid, parent, 'child_of');
        registry.relate(parent, kid, 'guardian_of');
        if (partner) registry.relate(partner, kid, 'guardian_of');
      }
      if (random.chance(0.05)) {
        const from = random.date(later(kids[0].birthDate, '2023-01-01'), addDays(asOf, -20));
        for (const member of [parent, ...kids]) {
          member.conditions.push({
            kind: 'minimum_living_allowance',
            disabilityGrade: null,
            validFrom: later(from, member.birthDate),
            validTo: null,
            source: '城乡低保审批',
          });
        }
      }
      const formed = later(addDays(kids[0].birthDate, -random.int(0, 1500)), yearsBefore(parentBorn, -18));
      registry.household(parent, formed, [
        ...(partner ? [[partner, 'spouse'] as [PlannedPerson, HouseholdRelation]] : []),
        ...kids.map((kid) => [kid, 'child'] as [PlannedPerson, HouseholdRelation]),
      ]);
    }

    // The other elders: alone, empty-nest couples, left behind in the villages, or with their grown children.
    // Each county's first elders take every situation in turn, so even a small demo has them all.
    const firsts: LivingSituation[] = ['alone', 'empty_nest', ...(rural.length > 0 ? ['left_behind' as const] : []), 'with_family'];
    while (eldersLeft > 0) {
      const kind =
        firsts.shift() ??
        random.weighted<LivingSituation>([
          ['alone', 22],
          ['empty_nest', 40],
          ['left_behind', rural.length > 0 ? 8 : 0],
          ['with_family', 30],
        ]);
      const village = kind === 'left_behind' ? random.pick(rural) : random.pick(villages);
      const head = elder(village, kind, { older: kind === 'alone' && random.chance(0.5) });
      const members: [PlannedPerson, HouseholdRelation][] = [];
      if ((kind === 'empty_nest' || (kind === 'left_behind' && random.chance(0.5))) && eldersLeft > 0) {
        members.push([spouseOf(village, head, kind, head.address), 'spouse']);
      }
      if (kind === 'with_family') {
        const grown = registry.person({
          village,
          county,
          sex: random.chance(0.5) ? 'male' : 'female',
          birthDate: adultBorn(head),
          familyName: head.sex === 'male' ? head.name[0] : undefined,
          address: head.address,
        });
        registry.relate(grown, head, 'child_of');
        members.push([grown, 'child']);
      }
      if (kind === 'alone' || kind === 'empty_nest') {
        // A son or daughter living elsewhere in the city, who may have been given consent to act for the parent.
        if (random.chance(0.12)) {
          const away = random.pick(counties);
          const child = registry.person({
            village: random.pick(villagesOf(away)),
            county: away,
            sex: random.chance(0.5) ? 'male' : 'female',
            birthDate: adultBorn(head),
            familyName: head.sex === 'male' ? head.name[0] : undefined,
          });
          registry.relate(child, head, 'child_of');
          if (random.chance(0.6)) {
            const granted = random.date('2023-01-01', addDays(asOf, -2));
            const revoked = random.chance(0.1) ? random.date(granted, addDays(asOf, -1)) : null;
            registry.consents.push({
              person: head,
              grantee: child,
              grantedAt: new Date(`${granted}T02:30:00Z`),
              revokedAt: revoked ? new Date(`${revoked}T06:00:00Z`) : null,
              countyCode: county.code,
            });
          }
        }
      }
      // Not every elder's household has been registered yet.
      if (random.chance(0.9)) registry.household(head, random.date('1975-01-01', '2010-12-31'), members);
    }
  });

  coverEveryCondition(ctx, registry.persons);
  const family = planFamily(ctx, registry);
  return { ...registry, persons: registry.persons, family };
}

const ASSISTANCE: readonly ConditionKind[] = ['extreme_poverty', 'minimum_living_allowance', 'low_income'];

/** However small the demo, a list filtered by any condition finds someone: a missing kind goes to an elder. */
function coverEveryCondition(ctx: Context, persons: PlannedPerson[]): void {
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

/** 刘晓梅 (the family demo account) and her parents in 相山区: her father consented that she may act for him. */
function planFamily(ctx: Context, registry: Registry): PeoplePlan['family'] {
  const { regions, random, asOf, mint } = ctx;
  mint.reserve(FAMILY_PERSON.idNumber);
  const me: PlannedPerson = {
    ...FAMILY_PERSON,
    registeredRegionCode: FAMILY_PERSON.regionCode,
    livingSituation: null,
    capabilityLevel: null,
    capabilityAssessedOn: null,
    conditions: [],
  };
  registry.persons.push(me);
  const county = regions.counties.find((candidate) => candidate.code === FAMILY_PERSON.regionCode) ?? regions.counties[0];
  const village = villagesOf(county).find((candidate) => candidate.urban) ?? villagesOf(county)[0];
  const home = addressIn(regions, village, random);
  const parent = registry.person({
    village,
    county,
    sex: 'male',
    birthDate: '1950-03-12',
    familyName: '刘',
    address: home,
    livingSituation: 'empty_nest',
  });
  parent.name = '刘建国';
  parent.capabilityLevel = 2;
  parent.capabilityAssessedOn = addDays(asOf, -120);
  parent.conditions.push({ kind: 'disability', disabilityGrade: 3, validFrom: '2019-05-10', validTo: null, source: '残疾人证' });
  const mother = registry.person({
    village,
    county,
    sex: 'female',
    birthDate: '1952-08-20',
    familyName: '王',
    address: home,
    livingSituation: 'empty_nest',
  });
  mother.name = '王秀兰';
  registry.relate(parent, mother, 'spouse_of');
  registry.relate(me, parent, 'child_of');
  registry.relate(me, mother, 'child_of');
  registry.household(parent, '1976-10-01', [[mother, 'spouse']]);
  registry.consents.push({
    person: parent,
    grantee: me,
    grantedAt: new Date(`${addDays(asOf, -200)}T02:00:00Z`),
    revokedAt: null,
    countyCode: county.code,
  });
  return { me, parent };
}

