export const STAFF_ROLES = [
  'carer', // 养老护理员
  'nurse',
  'childcare_worker', // 保育人员
  'health_worker', // 保健人员
  'social_worker',
  'manager',
  'other',
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const CERTIFICATE_TYPES = [
  'elderly_carer', // 养老护理员职业技能等级证书
  'childcare_worker', // 保育师
  'nurse',
  'social_worker',
  'health_certificate', // 健康证明
  'doctor',
  'teacher',
  'other',
] as const;
export type CertificateType = (typeof CERTIFICATE_TYPES)[number];

export const BACKGROUND_CHECK_KINDS = ['health_certificate', 'no_abuse_record'] as const;
export type BackgroundCheckKind = (typeof BACKGROUND_CHECK_KINDS)[number];

export const CHECK_RESULTS = ['passed', 'failed'] as const;
export type CheckResult = (typeof CHECK_RESULTS)[number];
