// Writes the planned residents: persons with sealed ID numbers (never plain text), their conditions, households,
// relationships and consents.
import type { Tx } from '../db/database.ts';
import { sealIdNumber } from '../domains/people/id-number-field.ts';
import type { PersonalDataKeys } from '../shared/personal-data.ts';
import { idsInOrder, insertChunked } from './insert.ts';
import type { PeoplePlan, PlannedPerson } from './people-plan.ts';

export async function insertPersons(
  tx: Tx,
  keys: PersonalDataKeys,
  plan: PeoplePlan,
): Promise<Map<PlannedPerson, number>> {
  const sealed = plan.persons.map((person) => sealIdNumber(keys, person.idNumber));
  const rows = await insertChunked(
    plan.persons.map((person, index) => ({ person, seal: sealed[index] })),
    (chunk) =>
      tx
        .insertInto('person')
        .values(
          chunk.map(({ person, seal }) => ({
            region_code: person.regionCode,
            name: person.name,
            sex: person.sex,
            birth_date: person.birthDate,
            address: person.address,
            registered_region_code: person.registeredRegionCode,
            living_situation: person.livingSituation,
            capability_level: person.capabilityLevel,
            capability_assessed_on: person.capabilityAssessedOn,
            ...seal,
          })),
        )
        .returning(['id', 'id_number_hash'])
        .execute(),
  );
  const ids = idsInOrder(
    rows.map((row) => ({ id: row.id, key: row.id_number_hash?.toString('hex') })),
    sealed.map((seal) => seal.id_number_hash.toString('hex')),
    'persons',
  );
  return new Map(plan.persons.map((person, index) => [person, ids[index]]));
}

export async function insertPeopleLinks(
  tx: Tx,
  plan: PeoplePlan,
  personIds: Map<PlannedPerson, number>,
  recordedBy: (countyCode: string) => number,
): Promise<void> {
  const id = (person: PlannedPerson) => personIds.get(person)!;
  const conditions = plan.persons.flatMap((person) =>
    person.conditions.map((condition) => ({ person, condition })),
  );
  await insertChunked(conditions, (chunk) =>
    tx
      .insertInto('person_condition')
      .values(
        chunk.map(({ person, condition }) => ({
          region_code: person.regionCode,
          person_id: id(person),
          kind: condition.kind,
          disability_grade: condition.disabilityGrade,
          valid_from: condition.validFrom,
          valid_to: condition.validTo,
          source: condition.source,
          created_by: null,
        })),
      )
      .execute()
      .then(() => []),
  );

  const householdRows = await insertChunked(plan.households, (chunk) =>
    tx
      .insertInto('household')
      .values(
        chunk.map((household) => ({
          region_code: household.regionCode,
          address: household.address,
          head_person_id: id(household.head),
        })),
      )
      .returning(['id', 'head_person_id as key'])
      .execute(),
  );
  const householdIds = idsInOrder(
    householdRows,
    plan.households.map((household) => id(household.head)),
    'households',
  );
  const members = plan.households.flatMap((household, index) =>
    household.members.map((member) => ({ household, householdId: householdIds[index], member })),
  );
  await insertChunked(members, (chunk) =>
    tx
      .insertInto('household_member')
      .values(
        chunk.map(({ household, householdId, member }) => ({
          region_code: household.regionCode,
          household_id: householdId,
          person_id: id(member.person),
          relation: member.relation,
          joined_on: member.joinedOn,
          left_on: null,
        })),
      )
      .execute()
      .then(() => []),
  );

  await insertChunked(plan.relationships, (chunk) =>
    tx
      .insertInto('person_relationship')
      .values(
        chunk.map((relationship) => ({
          region_code: relationship.from.regionCode,
          from_person_id: id(relationship.from),
          to_person_id: id(relationship.to),
          kind: relationship.kind,
        })),
      )
      .execute()
      .then(() => []),
  );

  if (plan.consents.length > 0) {
    await tx
      .insertInto('consent')
      .values(
        plan.consents.map((consent) => ({
          region_code: consent.person.regionCode,
          person_id: id(consent.person),
          grantor_person_id: id(consent.person),
          grantee_person_id: id(consent.grantee),
          scope: 'act_for' as const,
          granted_at: consent.grantedAt,
          granted_by: recordedBy(consent.countyCode),
          revoked_at: consent.revokedAt,
          revoked_by: consent.revokedAt ? recordedBy(consent.countyCode) : null,
        })),
      )
      .execute();
  }
}
