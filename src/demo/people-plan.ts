// Residents of the demo city: elders 60+ and children under three with the households that link them (three
// generations under one roof, young families, elders alone or as empty-nest couples, left-behind elders in the
// villages), living situations, capability levels, conditions with their validity periods (特困, 低保, 低收入,
// 计划生育特殊家庭, disability with its grade, dementia), relatives elsewhere and the consents they were given.
import { addDays } from '../domains/calendar/working-days.ts';
import type { HouseholdRelation, LivingSituation, Sex } from '../domains/people/tables.ts';
import { apportion } from './apportion.ts';
import { villagesOf, type DemoVillage } from './demo-regions.ts';
import { childBirthDate, coverEveryCondition, describeElder, elderBirthDate } from './elder-profile.ts';
import { planFamily } from './family-plan.ts';
import { PeopleRegistry } from './people-registry.ts';
import {
  later,
  yearsBefore,
  type PeopleContext as Context,
  type PeoplePlan,
  type PlannedPerson,
} from './people-types.ts';

export type { PeoplePlan, PlannedPerson } from './people-types.ts';
export { FAMILY_PERSON } from './family-plan.ts';

// Residents by county in the same shares as the population figures (demo-population.ts).
const COUNTY_SHARES: Record<string, number> = {
  '340602': 0.17,
  '340603': 0.3,
  '340604': 0.15,
  '340621': 0.38,
};

export function planPeople(ctx: Context): PeoplePlan {
  const { random, regions, size, asOf } = ctx;
  const registry = new PeopleRegistry(ctx);
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

    const elder = (
      village: DemoVillage,
      living: LivingSituation,
      spec: { sex?: Sex; older?: boolean; familyName?: string; address?: string } = {},
    ) => {
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
    const spouseOf = (
      village: DemoVillage,
      partner: PlannedPerson,
      living: LivingSituation | null,
      address: string,
    ) => {
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
          validFrom:
            addDays(person.birthDate, 180) < asOf ? addDays(person.birthDate, 180) : person.birthDate,
          validTo: null,
          source: '残疾人证',
        });
      }
      return person;
    };

    // Three generations: grandparents, their son or daughter (and spouse), and a grandchild under three.
    const threeGenerations = Math.max(
      childrenLeft > 0 && eldersLeft > 1 ? 1 : 0,
      Math.round(childrenLeft * 0.4),
    );
    for (let i = 0; i < threeGenerations && childrenLeft > 0 && eldersLeft > 0; i++) {
      const village = random.pick(villages);
      const head = elder(village, 'with_family', { sex: random.chance(0.6) ? 'male' : 'female' });
      const home = head.address;
      const grandma =
        eldersLeft > 0 && random.chance(0.7) ? spouseOf(village, head, 'with_family', home) : null;
      const childSex: Sex = random.chance(0.6) ? 'male' : 'female';
      const son = registry.person({
        village,
        county,
        sex: childSex,
        birthDate: adultBorn(head),
        familyName:
          head.sex === 'male' ? head.name[0] : grandma?.sex === 'male' ? grandma.name[0] : undefined,
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
      const parent = registry.person({
        village,
        county,
        sex: random.chance(0.7) ? 'male' : 'female',
        birthDate: parentBorn,
      });
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
    const firsts: LivingSituation[] = [
      'alone',
      'empty_nest',
      ...(rural.length > 0 ? ['left_behind' as const] : []),
      'with_family',
    ];
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
