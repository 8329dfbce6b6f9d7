// The demo's residents while they are being planned, before the database gives them ids.
import type {
  ConditionKind,
  HouseholdRelation,
  LivingSituation,
  RelationshipKind,
  Sex,
} from '../domains/people/tables.ts';
import type { DemoRegions } from './demo-regions.ts';
import type { DemoSize } from './demo-size.ts';
import type { IdNumberMint } from './id-numbers.ts';
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

export interface PeopleContext {
  regions: DemoRegions;
  size: DemoSize;
  random: Random;
  asOf: string;
  mint: IdNumberMint;
}

/** The same day some years earlier (a negative count: later); 29 February becomes the 28th. */
export const yearsBefore = (date: string, years: number) =>
  `${Number(date.slice(0, 4)) - years}${date.slice(4)}`.replace('-02-29', '-02-28');
export const later = (a: string, b: string) => (a > b ? a : b);
