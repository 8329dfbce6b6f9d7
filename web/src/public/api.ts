// The public register (src/domains/filing/public-routes.ts): no login, no personal data.
import type { FacilityType, FilingDomain } from '../filing/api';

export interface PublicProvider {
  filingNumber: string;
  filedOn: string;
  updatedOn: string;
  domain: FilingDomain;
  facilityId: number;
  type: FacilityType;
  name: string;
  address: string;
  regionCode: string;
  regionName: string;
  ownership: 'public' | 'private' | 'publicly_built_privately_operated' | null;
  beds: { total: number; nursingType: number } | null;
  places: { infant: number; youngToddler: number; olderToddler: number; mixed: number; total: number } | null;
  services: string[];
  inclusive: boolean | null;
  /** bed, nursing, meals, deposit (elderly care); monthly (childcare). */
  fees: Record<string, { min: number; max: number }>;
  grade: number | null;
}

export interface PublicNotice {
  filingId: number;
  on: string;
  action: 'reject' | 'notify_non_compliance';
  domain: FilingDomain;
  type: FacilityType;
  name: string;
  regionCode: string;
  reasons: string;
}

export interface PublicRegister {
  providers: PublicProvider[];
  total: number;
  notices: PublicNotice[];
}

export const FEE_KEYS = ['bed', 'nursing', 'meals', 'deposit', 'monthly'] as const;

/** A county or district the deployment serves (GET /api/public/counties). */
export interface PublicCounty {
  code: string;
  name: string;
}
