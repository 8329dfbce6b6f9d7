import type { Tx } from '../../db/database.ts';
import { assertInScope, inScope, regionScope, type Principal } from '../../server/access.ts';
import { fieldError, invalidInput, notFound } from '../../server/errors.ts';
import { findRegion } from '../regions/queries.ts';
import { findPerson, type PersonRow } from './queries.ts';

export type PeoplePermission = 'people.read' | 'people.write' | 'people.read_id_number';

/** A person the principal may act on, or 404: out-of-scope records are indistinguishable from absent ones. */
export async function personInScope(
  tx: Tx,
  principal: Principal,
  id: number,
  permission: PeoplePermission,
): Promise<PersonRow> {
  const row = await findPerson(tx, id);
  if (!row || !inScope(regionScope(principal, permission), row.region_code)) throw notFound('Person', '人员');
  return row;
}

/** A person named in a request body: unknown and out-of-scope persons get the same field error. */
export async function referencedPerson(
  tx: Tx,
  principal: Principal,
  id: number,
  path: string,
  permission: PeoplePermission = 'people.write',
): Promise<PersonRow> {
  const row = await findPerson(tx, id);
  if (!row || !inScope(regionScope(principal, permission), row.region_code)) {
    throw invalidInput([fieldError(path, '未找到该人员', 'No such person')]);
  }
  return row;
}

/** A region named in input: it must exist (400) and lie in the caller's scope (403). */
export async function requireRegion(
  tx: Tx,
  principal: Principal,
  code: string,
  path: string,
  permission: PeoplePermission = 'people.write',
) {
  const region = await findRegion(tx, code);
  if (!region) throw invalidInput([fieldError(path, '行政区划代码不存在', 'No region has this code')]);
  assertInScope(principal, permission, code);
  return region;
}

/** The person records of a family principal (normally one: the account holder). */
export function familyPersonIds(principal: Principal): number[] {
  return principal.roles.flatMap((role) =>
    role.role === 'family_member' && role.personId !== null ? [role.personId] : [],
  );
}

/** Whether the caller may see a record of this region; linked records outside it are shown as null. */
export function visibleTo(principal: Principal, permission: PeoplePermission) {
  const scope = regionScope(principal, permission);
  return (regionCode: string) => inScope(scope, regionCode);
}
