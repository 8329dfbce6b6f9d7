// Collects the planned residents and the links between them as households, relationships and consents are formed.
import type { HouseholdRelation, LivingSituation, RelationshipKind, Sex } from '../domains/people/tables.ts';
import { addressIn, type DemoCounty, type DemoVillage } from './demo-regions.ts';
import { personName } from './names.ts';
import {
  later,
  type PeopleContext as Context,
  type PlannedConsent,
  type PlannedHousehold,
  type PlannedPerson,
  type PlannedRelationship,
} from './people-types.ts';

export class PeopleRegistry {
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
        ...others.map(([person, relation]) => ({
          person,
          relation,
          joinedOn: later(formed, person.birthDate),
        })),
      ],
    });
  }
}
