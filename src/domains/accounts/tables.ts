import type { Generated } from 'kysely';

export type PrincipalType = 'government' | 'provider' | 'family' | 'system';
export type RoleName =
  | 'officer'
  | 'viewer'
  | 'community_worker'
  | 'provider_admin'
  | 'provider_staff'
  | 'family_member'
  | 'platform_admin';
export type Domain = 'elderly_care' | 'childcare' | 'planning';

export interface AccountTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  principal_type: PrincipalType;
  password_hash: string | null;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  disabled_at: Date | null;
  created_at: Generated<Date>;
}

export interface AccountRoleTable {
  id: Generated<number>;
  account_id: number;
  role: RoleName;
  region_code: string | null;
  domain: Domain | null;
  organisation_id: number | null;
  person_region_code: string | null;
  person_id: number | null;
}

export interface SessionTable {
  token_hash: Buffer;
  account_id: number;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Date;
  revoked_at: Date | null;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokenTable {
  id: Generated<number>;
  account_id: number;
  name: string;
  token_hash: Buffer;
  created_at: Generated<Date>;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

export interface AccountTables {
  account: AccountTable;
  account_role: AccountRoleTable;
  session: SessionTable;
  api_token: ApiTokenTable;
}
