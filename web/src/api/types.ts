/** Shapes of the laoyou HTTP API as used by the web console. */

export type Locale = 'zh-CN' | 'en-US';

export type LocalizedText = Record<Locale, string>;

export type PrincipalType = 'government' | 'provider' | 'family' | 'system';

export type RoleName =
  | 'officer'
  | 'viewer'
  | 'provider_admin'
  | 'provider_staff'
  | 'family_member'
  | 'platform_admin';

export type Domain = 'elderly_care' | 'childcare' | 'planning';

export interface RoleAssignment {
  role: RoleName;
  regionCode: string | null;
  regionName: string | null;
  domain: Domain | null;
  organisationId: number | null;
}

export interface Me {
  id: number;
  username: string;
  displayName: string;
  principalType: PrincipalType;
  roles: RoleAssignment[];
  permissions: string[];
}

export interface ApiErrorBody {
  error: {
    code: string;
    message: LocalizedText;
    fields?: Array<{ path: string; message: LocalizedText }>;
    requestId: string;
  };
}

export type RegionLevel = 'province' | 'city' | 'county' | 'township' | 'village';

export type TownshipType = 'street' | 'town' | 'township' | 'other';

export interface RegionNode {
  code: string;
  name: string;
  level: RegionLevel;
  townshipType: TownshipType | null;
  childCount: number;
}

export interface RegionRef {
  code: string;
  name: string;
  level: RegionLevel;
}

export interface RegionSummary {
  region: RegionRef & { path: RegionRef[] };
  countsByLevel: { city: number; county: number; township: number; village: number };
  children: Array<
    RegionRef & {
      /** Not in the documented contract; shown when the server sends it. */
      townshipType?: TownshipType | null;
      childCount: number;
      countsByLevel: { county: number; township: number; village: number };
    }
  >;
}
