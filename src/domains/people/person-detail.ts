import { z } from 'zod';
import type { Tx } from '../../db/database.ts';
import type { Principal } from '../../server/access.ts';
import type { PersonalDataKeys } from '../../shared/personal-data.ts';
import type { AffectedPerson } from './audit.ts';
import type { PersonRow } from './queries.ts';
import { holdsOn } from './rules.ts';
import { Condition, ConditionKind, Person, PersonRef, personView } from './schemas.ts';
import { visibleTo } from './scope.ts';
import { CONSENT_SCOPES, HOUSEHOLD_RELATIONS, RELATIONSHIP_KINDS } from './tables.ts';

export const Membership = z.object({
  id: z.number().int(),
  relation: z.enum(HOUSEHOLD_RELATIONS),
  joinedOn: z.string(),
  leftOn: z.string().nullable(),
  live: z.boolean(),
  /** Null when the household lies outside the caller's scope. */
  household: z
    .object({ id: z.number().int(), regionCode: z.string(), address: z.string().nullable() })
    .nullable(),
});

export const Relationship = z.object({
  id: z.number().int(),
  kind: z.enum(RELATIONSHIP_KINDS),
  /** outgoing: this person is <kind> the other (child_of: this person is the other's child). */
  direction: z.enum(['outgoing', 'incoming']),
  other: PersonRef,
});

export const Consent = z.object({
  id: z.number().int(),
  scope: z.enum(CONSENT_SCOPES),
  person: PersonRef,
  grantor: PersonRef,
  grantee: PersonRef,
  grantedAt: z.string(),
  revokedAt: z.string().nullable(),
  live: z.boolean(),
});

export const PersonDetail = Person.extend({
  conditions: z.array(Condition),
  households: z.array(Membership),
  relationships: z.array(Relationship),
  consents: z.array(Consent),
});

export interface ConditionRow {
  id: number;
  person_id: number;
  kind: z.infer<typeof ConditionKind>;
  disability_grade: number | null;
  valid_from: string;
  valid_to: string | null;
  source: string | null;
}

export const conditionColumns = [
  'id',
  'person_id',
  'kind',
  'disability_grade',
  'valid_from',
  'valid_to',
  'source',
] as const;

export function conditionView(row: ConditionRow, today: string): z.infer<typeof Condition> {
  return {
    id: row.id,
    personId: row.person_id,
    kind: row.kind,
    disabilityGrade: row.disability_grade,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    source: row.source,
    live: holdsOn({ from: row.valid_from, to: row.valid_to }, today),
  };
}

export async function conditionsOf(tx: Tx, personId: number, today: string) {
  const rows = await tx
    .selectFrom('person_condition')
    .select(conditionColumns)
    .where('person_id', '=', personId)
    .orderBy('valid_from', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((row) => conditionView(row, today));
}

/** Brief references to other persons, keyed by id, for those the caller may see. */
async function personRefs(tx: Tx, ids: number[], visible: (regionCode: string) => boolean) {
  const refs = new Map<number, { id: number; regionCode: string; name: string }>();
  if (ids.length === 0) return refs;
  const rows = await tx
    .selectFrom('person')
    .select(['id', 'region_code', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  for (const row of rows) {
    if (visible(row.region_code))
      refs.set(row.id, { id: row.id, regionCode: row.region_code, name: row.name });
  }
  return refs;
}

/**
 * A person with their conditions (history included), household memberships, relationships and consents. Linked
 * persons and households outside the caller's scope appear as null. Returns the persons shown, for the audit.
 */
export async function loadPersonDetail(
  tx: Tx,
  keys: PersonalDataKeys,
  principal: Principal,
  row: PersonRow,
  today: string,
): Promise<{ detail: z.infer<typeof PersonDetail>; shown: AffectedPerson[] }> {
  const visible = visibleTo(principal, 'people.read');
  const conditions = await conditionsOf(tx, row.id, today);
  const memberships = await tx
    .selectFrom('household_member as m')
    .innerJoin('household as h', 'h.id', 'm.household_id')
    .select([
      'm.id',
      'm.relation',
      'm.joined_on',
      'm.left_on',
      'h.id as household_id',
      'h.region_code',
      'h.address',
    ])
    .where('m.person_id', '=', row.id)
    .orderBy('m.joined_on', 'desc')
    .execute();
  const relationships = await tx
    .selectFrom('person_relationship')
    .select(['id', 'kind', 'from_person_id', 'to_person_id'])
    .where((eb) => eb.or([eb('from_person_id', '=', row.id), eb('to_person_id', '=', row.id)]))
    .orderBy('id')
    .execute();
  const consents = await tx
    .selectFrom('consent')
    .select([
      'id',
      'scope',
      'person_id',
      'grantor_person_id',
      'grantee_person_id',
      'granted_at',
      'revoked_at',
    ])
    .where((eb) =>
      eb.or([
        eb('person_id', '=', row.id),
        eb('grantee_person_id', '=', row.id),
        eb('grantor_person_id', '=', row.id),
      ]),
    )
    .orderBy('id')
    .execute();
  const refs = await personRefs(
    tx,
    [
      ...relationships.flatMap((r) => [r.from_person_id, r.to_person_id]),
      ...consents.flatMap((c) => [c.person_id, c.grantor_person_id, c.grantee_person_id]),
    ].filter((id) => id !== row.id),
    visible,
  );
  refs.set(row.id, { id: row.id, regionCode: row.region_code, name: row.name });
  const ref = (id: number) => refs.get(id) ?? null;
  const detail = {
    ...personView(keys, row),
    conditions,
    households: memberships.map((m) => ({
      id: m.id,
      relation: m.relation,
      joinedOn: m.joined_on,
      leftOn: m.left_on,
      live: holdsOn({ from: m.joined_on, to: m.left_on }, today),
      household: visible(m.region_code)
        ? { id: m.household_id, regionCode: m.region_code, address: m.address }
        : null,
    })),
    relationships: relationships.map((r) => {
      const outgoing = r.from_person_id === row.id;
      return {
        id: r.id,
        kind: r.kind,
        direction: outgoing ? ('outgoing' as const) : ('incoming' as const),
        other: ref(outgoing ? r.to_person_id : r.from_person_id),
      };
    }),
    consents: consents.map((c) => ({
      id: c.id,
      scope: c.scope,
      person: ref(c.person_id),
      grantor: ref(c.grantor_person_id),
      grantee: ref(c.grantee_person_id),
      grantedAt: c.granted_at.toISOString(),
      revokedAt: c.revoked_at?.toISOString() ?? null,
      live: c.revoked_at === null,
    })),
  };
  const shown = [...refs.values()].map((r) => ({ id: r.id, region_code: r.regionCode }));
  return { detail, shown };
}
