// The family demo account's person and her parents: what the family page shows on first login.
import { addDays } from '../domains/calendar/working-days.ts';
import { makeIdNumber } from '../shared/id-number.ts';
import { addressIn, villagesOf } from './demo-regions.ts';
import type { PeopleRegistry as Registry } from './people-registry.ts';
import type { PeopleContext as Context, PeoplePlan, PlannedPerson } from './people-types.ts';

/** The family demo account's person, as every earlier version of the demo had her. */
export const FAMILY_PERSON = {
  regionCode: '340603',
  name: '刘晓梅',
  sex: 'female' as const,
  birthDate: '1978-05-16',
  idNumber: makeIdNumber('340603', '1978-05-16', 122),
  address: '淮北市相山区人民路12号',
};

/** 刘晓梅 (the family demo account) and her parents in 相山区: her father consented that she may act for him. */
export function planFamily(ctx: Context, registry: Registry): PeoplePlan['family'] {
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
  const county =
    regions.counties.find((candidate) => candidate.code === FAMILY_PERSON.regionCode) ?? regions.counties[0];
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
  parent.conditions.push({
    kind: 'disability',
    disabilityGrade: 3,
    validFrom: '2019-05-10',
    validTo: null,
    source: '残疾人证',
  });
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
