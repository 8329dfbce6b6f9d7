// The demo's accounts: one for every kind of user, all with the published demo password.
import type { Tx } from '../db/database.ts';
import type { Domain, PrincipalType, RoleName } from '../domains/accounts/tables.ts';

export const DEMO_PASSWORD = 'laoyou2026';

interface DemoLogin {
  username: string;
  displayName: string;
  principalType: PrincipalType;
  role: RoleName;
  regionCode?: string;
  domain?: Domain;
  description: string;
}

export const DEMO_LOGINS: DemoLogin[] = [
  {
    username: 'city.civil',
    displayName: '淮北市民政局 王科长',
    principalType: 'government',
    role: 'officer',
    regionCode: '3406',
    domain: 'elderly_care',
    description: '淮北市民政局 city civil-affairs officer (elderly care)',
  },
  {
    username: 'xiangshan.civil',
    displayName: '相山区民政局 李干事',
    principalType: 'government',
    role: 'officer',
    regionCode: '340603',
    domain: 'elderly_care',
    description: '相山区民政局 district officer (elderly care)',
  },
  {
    username: 'city.health',
    displayName: '淮北市卫健委 张科长',
    principalType: 'government',
    role: 'officer',
    regionCode: '3406',
    domain: 'childcare',
    description: '淮北市卫健委 city health-commission officer (childcare)',
  },
  {
    username: 'city.planning',
    displayName: '淮北市发改委 赵科长',
    principalType: 'government',
    role: 'officer',
    regionCode: '3406',
    domain: 'planning',
    description: '淮北市发改委 city planning officer',
  },
  {
    username: 'provider.demo',
    displayName: '相山区康乐养老院 陈院长',
    principalType: 'provider',
    role: 'provider_admin',
    description: '相山区康乐养老院 provider administrator',
  },
  {
    username: 'family.demo',
    displayName: '刘女士',
    principalType: 'family',
    role: 'family_member',
    description: '刘女士 family member (相山区)',
  },
];

/** Creates the demo accounts; returns their ids by username. */
export async function insertDemoAccounts(
  tx: Tx,
  passwordHash: string,
  links: { organisationId: number; familyPerson: { regionCode: string; id: number } },
): Promise<Map<string, number>> {
  const accounts = await tx
    .insertInto('account')
    .values(
      DEMO_LOGINS.map((login) => ({
        username: login.username,
        display_name: login.displayName,
        principal_type: login.principalType,
        password_hash: passwordHash,
      })),
    )
    .returning(['id', 'username'])
    .execute();
  const ids = new Map(accounts.map((account) => [account.username, account.id]));
  await tx
    .insertInto('account_role')
    .values(
      DEMO_LOGINS.map((login) => ({
        account_id: ids.get(login.username)!,
        role: login.role,
        region_code: login.regionCode ?? null,
        domain: login.domain ?? null,
        organisation_id: login.role === 'provider_admin' ? links.organisationId : null,
        person_region_code: login.role === 'family_member' ? links.familyPerson.regionCode : null,
        person_id: login.role === 'family_member' ? links.familyPerson.id : null,
      })),
    )
    .execute();
  return ids;
}
