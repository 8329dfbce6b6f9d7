/** Complete, standard-meeting filed fields: for tests, benchmarks and the console's examples. */
export const ELDERLY_CARE_EXAMPLE = {
  name: '淮北市相山区康乐养老院',
  address: '淮北市相山区人民路88号',
  legalRepresentative: '陈立',
  floorAreaM2: 3200,
  ownership: 'private',
  fireSafety: 'acceptance_passed',
  foodLicence: 'licensed',
  beds: { total: 120, nursingType: 80, fullCare: 40, dayCare: 10 },
  premisesTenure: 'leased',
  specialRoles: [],
  residentTypes: ['self_care', 'semi_disabled', 'disabled'],
  liabilityInsurance: true,
  longTermCareDesignated: false,
  medicalIntegration: {
    internalClinic: true,
    nursingStation: false,
    signedMedicalInstitution: '淮北市人民医院',
  },
  fees: {
    bed: { min: 800, max: 1500 },
    nursing: { min: 300, max: 2500 },
    meals: { min: 600, max: 900 },
    deposit: { min: 0, max: 5000 },
  },
  firstAdmissionDate: '2026-09-25',
  starLevel: null,
};

export const CHILDCARE_EXAMPLE = {
  name: '淮北市相山区小星星托育园',
  address: '淮北市相山区淮海路20号',
  legalRepresentative: '周敏',
  floorAreaM2: 600,
  ownership: 'private',
  fireSafety: 'acceptance_passed',
  foodLicence: 'licensed',
  registration: 'company',
  places: { infant: 10, youngToddler: 15, olderToddler: 20, mixed: 0 },
  services: ['full_day', 'half_day'],
  premises: { tenure: 'leased', termYears: 5 },
  videoSurveillanceRetentionDays: 90,
  healthEvaluation: 'qualified',
  inclusive: true,
  monthlyFee: { min: 1800, max: 2600 },
};

/** The smallest valid PDF-looking bytes: the signature is all the upload check sniffs. */
export const TINY_PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
export const TINY_PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
