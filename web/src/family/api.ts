// The family API (src/domains/people/family-routes.ts): one's own record and the relatives who consented.
export type Sex = 'male' | 'female';
export type LivingSituation = 'alone' | 'empty_nest' | 'left_behind' | 'with_family';
export type RelationshipKind = 'child_of' | 'guardian_of' | 'spouse_of' | 'relative_of';
export type ConditionKind =
  | 'extreme_poverty'
  | 'minimum_living_allowance'
  | 'low_income'
  | 'family_planning_special'
  | 'disability'
  | 'dementia';

export interface FamilyPerson {
  id: number;
  regionCode: string;
  name: string;
  sex: Sex;
  birthDate: string;
  /** Only ever masked: 340603********1224. */
  idNumberMasked: string | null;
  address: string | null;
  registeredRegionCode: string | null;
  livingSituation: LivingSituation | null;
  capabilityLevel: number | null;
  capabilityAssessedOn: string | null;
}

export interface Relative {
  person: FamilyPerson;
  consentId: number;
  scope: 'act_for';
  grantedAt: string;
  /** outgoing: the relative is <kind> you (child_of: they are your child); incoming: you are <kind> them. */
  relationships: { kind: RelationshipKind; direction: 'outgoing' | 'incoming' }[];
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

export type RelativeDetail = FamilyPerson & { conditions: Condition[] };

/** Age in completed years (周岁) today. */
export function ageOf(birthDate: string, today = new Date()): number {
  const [y, m, d] = birthDate.split('-').map(Number);
  const month = today.getMonth() + 1;
  const day = today.getDate();
  return today.getFullYear() - y - (month < m || (month === m && day < d) ? 1 : 0);
}
