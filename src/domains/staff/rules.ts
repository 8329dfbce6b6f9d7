// Rules about staff as pure functions of their records and a date.
import { fieldError, type FieldError } from '../../server/errors.ts';
import type { FacilityDomain } from '../providers/facility-types.ts';
import type { BackgroundCheckKind, CertificateType, CheckResult, StaffRole } from './staff-types.ts';

/** Whether a dated record (both ends included, open end NULL) is in force on a date. */
export function inForceOn(from: string, to: string | null, date: string): boolean {
  return from <= date && (to === null || to >= date);
}

/** Roles that belong to one domain whatever the facility: a 养老护理员 serves elders, a 保育人员 young children. */
const ROLE_DOMAIN: Partial<Record<StaffRole, FacilityDomain>> = {
  carer: 'elderly_care',
  childcare_worker: 'childcare',
};

/**
 * The domain a staff member works in: the facility's when they work at one, else what the input states, else what
 * the role implies. Returns the problem to show when they disagree or nothing decides.
 */
export function staffDomain(
  role: StaffRole,
  facility: FacilityDomain | null,
  stated: FacilityDomain | undefined,
  path = 'body',
): { domain: FacilityDomain } | { problem: FieldError } {
  const implied = ROLE_DOMAIN[role];
  const domain = facility ?? stated ?? implied;
  if (!domain) {
    return {
      problem: fieldError(
        `${path}.domain`,
        '请注明从事养老还是托育服务',
        'State whether the member works in elderly care or childcare',
      ),
    };
  }
  if (stated && stated !== domain) {
    return {
      problem: fieldError(
        `${path}.domain`,
        '与所在设施的服务领域不一致',
        "Does not match the facility's domain",
      ),
    };
  }
  if (implied && implied !== domain) {
    return {
      problem: fieldError(
        `${path}.role`,
        implied === 'childcare' ? '保育人员只能在托育服务中登记' : '养老护理员只能在养老服务中登记',
        implied === 'childcare'
          ? 'A childcare worker works in childcare'
          : 'An elderly carer works in elderly care',
      ),
    };
  }
  return { domain };
}

export interface CertificateFacts {
  certificateType: CertificateType;
  validFrom: string;
  validTo: string | null;
}

export interface CheckFacts {
  kind: BackgroundCheckKind;
  result: CheckResult;
  checkedOn: string;
  validTo: string | null;
}

/** Holding a qualification in force (a health certificate is a check, not a qualification). */
export function isCertified(certificates: CertificateFacts[], date: string): boolean {
  return certificates.some(
    (certificate) =>
      certificate.certificateType !== 'health_certificate' &&
      inForceOn(certificate.validFrom, certificate.validTo, date),
  );
}

/**
 * The checks the childcare standards require of everyone working with children under three: a health certificate
 * before starting and renewed (国卫人口发〔2019〕58号) and no record of abuse or violence.
 */
export function requiredChecks(domain: FacilityDomain): BackgroundCheckKind[] {
  return domain === 'childcare' ? ['health_certificate', 'no_abuse_record'] : [];
}

/**
 * Which required checks hold on a date. The latest check of a kind decides (a later failure overrides an earlier
 * pass); a health certificate recorded among the certificates counts as well.
 */
export function checkStatus(
  domain: FacilityDomain,
  certificates: CertificateFacts[],
  checks: CheckFacts[],
  date: string,
): { required: BackgroundCheckKind[]; missing: BackgroundCheckKind[]; complete: boolean } {
  const required = requiredChecks(domain);
  const holds = (kind: BackgroundCheckKind) => {
    const latest = checks
      .filter((check) => check.kind === kind && check.checkedOn <= date)
      .sort((a, b) => b.checkedOn.localeCompare(a.checkedOn))[0];
    if (latest?.result === 'failed') return false;
    if (latest && (latest.validTo === null || latest.validTo >= date)) return true;
    return (
      kind === 'health_certificate' &&
      certificates.some(
        (certificate) =>
          certificate.certificateType === 'health_certificate' &&
          inForceOn(certificate.validFrom, certificate.validTo, date),
      )
    );
  };
  const missing = required.filter((kind) => !holds(kind));
  return { required, missing, complete: missing.length === 0 };
}
