/** Shapes of the people and household API (src/domains/people/*), as the console uses them. */

export const LIVING_SITUATIONS = ['alone', 'empty_nest', 'left_behind', 'with_family'] as const;
export type LivingSituation = (typeof LIVING_SITUATIONS)[number];

export const CONDITION_KINDS = [
  'extreme_poverty',
  'minimum_living_allowance',
  'low_income',
  'family_planning_special',
  'disability',
  'dementia',
] as const;
export type ConditionKind = (typeof CONDITION_KINDS)[number];

/** GB/T 42195-2022: 0 能力完好 … 4 完全失能. */
export const CAPABILITY_LEVELS = [0, 1, 2, 3, 4] as const;

export const HOUSEHOLD_RELATIONS = [
  'head',
  'spouse',
  'child',
  'grandchild',
  'parent',
  'grandparent',
  'other',
] as const;
export type HouseholdRelation = (typeof HOUSEHOLD_RELATIONS)[number];

export const RELATIONSHIP_KINDS = ['child_of', 'guardian_of', 'spouse_of', 'relative_of'] as const;
export type RelationshipKind = (typeof RELATIONSHIP_KINDS)[number];

export type Sex = 'male' | 'female';

export interface Person {
  id: number;
  regionCode: string;
  name: string;
  sex: Sex;
  birthDate: string;
  idNumberMasked: string | null;
  address: string | null;
  registeredRegionCode: string | null;
  livingSituation: LivingSituation | null;
  capabilityLevel: number | null;
  capabilityAssessedOn: string | null;
}

export interface PeoplePage {
  people: Person[];
  total: number;
  totalIsExact: boolean;
  /** Keyset cursor ("regionCode:id") of the next page; null on the last one. */
  nextAfter: string | null;
}

export interface Condition {
  id: number;
  personId: number;
  kind: ConditionKind;
  disabilityGrade: number | null;
  validFrom: string;
  validTo: string | null;
  source: string | null;
  live: boolean;
}

export interface PersonRef {
  id: number;
  regionCode: string;
  name: string;
}

export interface Membership {
  id: number;
  relation: HouseholdRelation;
  joinedOn: string;
  leftOn: string | null;
  live: boolean;
  household: { id: number; regionCode: string; address: string | null } | null;
}

export interface Relationship {
  id: number;
  kind: RelationshipKind;
  direction: 'outgoing' | 'incoming';
  other: PersonRef | null;
}

export interface Consent {
  id: number;
  scope: 'act_for';
  person: PersonRef | null;
  grantor: PersonRef | null;
  grantee: PersonRef | null;
  grantedAt: string;
  revokedAt: string | null;
  live: boolean;
}

export interface PersonDetail extends Person {
  conditions: Condition[];
  households: Membership[];
  relationships: Relationship[];
  consents: Consent[];
}

export interface HouseholdSummary {
  id: number;
  regionCode: string;
  address: string | null;
  memberCount: number;
  elderCount: number;
  youngChildCount: number;
  hasElderAndYoungChild: boolean;
}

export interface HouseholdPage {
  households: HouseholdSummary[];
  total: number;
  withElderAndYoungChild: number;
  nextAfter: number | null;
}

export interface HouseholdMember {
  id: number;
  relation: HouseholdRelation;
  joinedOn: string;
  leftOn: string | null;
  live: boolean;
  person: { id: number; regionCode: string; name: string; sex: Sex; birthDate: string; age: number } | null;
}

export interface Household extends HouseholdSummary {
  headPersonId: number | null;
  members: HouseholdMember[];
}

/** Age in completed years (周岁) on a date, as the server counts it. */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
