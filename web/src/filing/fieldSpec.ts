// What a provider files, per domain and kind, as the console shows it: one description drives the form, its
// client-side rules (the same as the server's schema in src/domains/filing/fields.ts) and the read-only view.
import type { MessageKey, Translate } from '../i18n';
import type { FacilityType, FilingDomain, FilingKind } from './api';

export const ENUMS = {
  ownership: ['public', 'private', 'publicly_built_privately_operated'],
  fireSafety: ['acceptance_passed', 'filed_with_fire_department', 'safety_inspection_passed'],
  foodLicence: ['licensed', 'outsourced', 'no_meals'],
  tenure: ['owned', 'leased', 'free_use'],
  specialRoles: ['extreme_poverty_support', 'honour_home', 'street_centre'],
  residentTypes: ['self_care', 'semi_disabled', 'disabled', 'demented'],
  registration: ['public_institution', 'social_service_organisation', 'company'],
  services: ['full_day', 'half_day', 'hourly', 'temporary'],
  healthEvaluation: ['qualified'],
} as const;
export type EnumName = keyof typeof ENUMS;

export type FieldKind =
  /** Required text up to `max` characters. */
  | 'text'
  | 'textarea'
  /** Optional text: empty is sent as null. */
  | 'optionalText'
  /** Positive decimal (m²). */
  | 'area'
  /** Whole number 0–100 000 (beds, places). */
  | 'count'
  | 'enum'
  | 'multi'
  | 'bool'
  /** Yes / no / not said (null). */
  | 'optionalBool'
  | 'date'
  | 'optionalDate'
  /** Fee range in yuan: { min, max }, min ≤ max. */
  | 'range'
  /** Fee range that may be left out entirely (null). */
  | 'optionalRange'
  /** Star level 1–5 or null. */
  | 'star'
  /** Years of lease still to run, 0–100, or null. */
  | 'years'
  /** Days video is kept: 90–3650. */
  | 'retention';

export interface FieldSpec {
  path: string[];
  kind: FieldKind;
  labelKey: MessageKey;
  helpKey?: MessageKey;
  enumName?: EnumName;
  max?: number;
  minItems?: number;
  maxItems?: number;
  /** Wide fields take a whole row in the form grid. */
  wide?: boolean;
}

export interface SectionSpec {
  key: string;
  titleKey: MessageKey;
  fields: FieldSpec[];
}

const f = (
  path: string,
  kind: FieldKind,
  labelKey: MessageKey,
  extra: Partial<FieldSpec> = {},
): FieldSpec => ({
  path: path.split('.'),
  kind,
  labelKey,
  ...extra,
});

const COMMON_BASIC: FieldSpec[] = [
  f('name', 'text', 'filing.field.name', { max: 200 }),
  f('address', 'text', 'filing.field.address', { max: 300 }),
  f('legalRepresentative', 'text', 'filing.field.legalRepresentative', { max: 50 }),
  f('floorAreaM2', 'area', 'filing.field.floorAreaM2'),
  f('ownership', 'enum', 'filing.field.ownership', { enumName: 'ownership' }),
];

const ELDERLY_CARE: SectionSpec[] = [
  {
    key: 'basic',
    titleKey: 'filing.section.basic',
    fields: [
      ...COMMON_BASIC,
      f('premisesTenure', 'enum', 'filing.field.premisesTenure', { enumName: 'tenure' }),
    ],
  },
  {
    key: 'beds',
    titleKey: 'filing.section.beds',
    fields: [
      f('beds.total', 'count', 'filing.field.beds.total'),
      f('beds.nursingType', 'count', 'filing.field.beds.nursingType'),
      f('beds.fullCare', 'count', 'filing.field.beds.fullCare'),
      f('beds.dayCare', 'count', 'filing.field.beds.dayCare'),
      f('residentTypes', 'multi', 'filing.field.residentTypes', {
        enumName: 'residentTypes',
        minItems: 1,
        wide: true,
      }),
      f('specialRoles', 'multi', 'filing.field.specialRoles', {
        enumName: 'specialRoles',
        maxItems: 3,
        wide: true,
      }),
    ],
  },
  {
    key: 'safety',
    titleKey: 'filing.section.safety',
    fields: [
      f('fireSafety', 'enum', 'filing.field.fireSafety', { enumName: 'fireSafety' }),
      f('foodLicence', 'enum', 'filing.field.foodLicence', { enumName: 'foodLicence' }),
      f('liabilityInsurance', 'bool', 'filing.field.liabilityInsurance'),
      f('longTermCareDesignated', 'bool', 'filing.field.longTermCareDesignated'),
    ],
  },
  {
    key: 'medical',
    titleKey: 'filing.section.medical',
    fields: [
      f('medicalIntegration.internalClinic', 'bool', 'filing.field.medicalIntegration.internalClinic'),
      f('medicalIntegration.nursingStation', 'bool', 'filing.field.medicalIntegration.nursingStation'),
      f(
        'medicalIntegration.signedMedicalInstitution',
        'optionalText',
        'filing.field.medicalIntegration.signed',
        {
          max: 200,
          wide: true,
        },
      ),
    ],
  },
  {
    key: 'fees',
    titleKey: 'filing.section.fees',
    fields: [
      f('fees.bed', 'range', 'filing.field.fees.bed'),
      f('fees.nursing', 'range', 'filing.field.fees.nursing'),
      f('fees.meals', 'range', 'filing.field.fees.meals'),
      f('fees.deposit', 'optionalRange', 'filing.field.fees.deposit'),
    ],
  },
  {
    key: 'other',
    titleKey: 'filing.section.other',
    fields: [
      f('firstAdmissionDate', 'optionalDate', 'filing.field.firstAdmissionDate', {
        helpKey: 'filing.help.firstAdmissionDate',
      }),
      f('starLevel', 'star', 'filing.field.starLevel'),
    ],
  },
];

const CHILDCARE: SectionSpec[] = [
  {
    key: 'basic',
    titleKey: 'filing.section.basic',
    fields: [
      ...COMMON_BASIC,
      f('registration', 'enum', 'filing.field.registration', { enumName: 'registration' }),
    ],
  },
  {
    key: 'places',
    titleKey: 'filing.section.places',
    fields: [
      f('places.infant', 'count', 'filing.field.places.infant'),
      f('places.youngToddler', 'count', 'filing.field.places.youngToddler'),
      f('places.olderToddler', 'count', 'filing.field.places.olderToddler'),
      f('places.mixed', 'count', 'filing.field.places.mixed'),
      f('services', 'multi', 'filing.field.services', { enumName: 'services', minItems: 1, wide: true }),
    ],
  },
  {
    key: 'premises',
    titleKey: 'filing.section.premises',
    fields: [
      f('premises.tenure', 'enum', 'filing.field.premises.tenure', { enumName: 'tenure' }),
      f('premises.termYears', 'years', 'filing.field.premises.termYears', {
        helpKey: 'filing.help.termYears',
      }),
    ],
  },
  {
    key: 'safety',
    titleKey: 'filing.section.safety',
    fields: [
      f('fireSafety', 'enum', 'filing.field.fireSafety', { enumName: 'fireSafety' }),
      f('foodLicence', 'enum', 'filing.field.foodLicence', { enumName: 'foodLicence' }),
      f('videoSurveillanceRetentionDays', 'retention', 'filing.field.videoRetention', {
        helpKey: 'filing.help.videoRetention',
      }),
      f('healthEvaluation', 'enum', 'filing.field.healthEvaluation', {
        enumName: 'healthEvaluation',
        helpKey: 'filing.help.healthEvaluation',
      }),
      f('inclusive', 'bool', 'filing.field.inclusive'),
    ],
  },
  {
    key: 'fees',
    titleKey: 'filing.section.fees',
    fields: [f('monthlyFee', 'optionalRange', 'filing.field.monthlyFee')],
  },
];

const DEREGISTRATION: SectionSpec[] = [
  {
    key: 'deregistration',
    titleKey: 'filing.section.deregistration',
    fields: [
      f('reason', 'textarea', 'filing.field.reason', { max: 500, wide: true }),
      f('closedOn', 'date', 'filing.field.closedOn'),
      f('residentsResettled', 'optionalBool', 'filing.field.residentsResettled'),
    ],
  },
];

export function sectionsFor(domain: FilingDomain, kind: FilingKind): SectionSpec[] {
  if (kind === 'deregistration') return DEREGISTRATION;
  return domain === 'elderly_care' ? ELDERLY_CARE : CHILDCARE;
}

export function optionLabel(t: Translate, enumName: EnumName, value: string): string {
  return t(`filing.enum.${enumName}.${value}` as MessageKey);
}

function getIn(source: unknown, path: readonly string[]): unknown {
  let value = source;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function setIn(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  path.slice(0, -1).forEach((key) => {
    if (node[key] === null || typeof node[key] !== 'object') node[key] = {};
    node = node[key] as Record<string, unknown>;
  });
  node[path[path.length - 1]] = value;
}

const isBlank = (value: unknown) => value === undefined || value === null || value === '';

/** The form's values as the API's `fields` object: empty optional values become null, text is trimmed. */
export function toApiFields(
  sections: SectionSpec[],
  values: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of sections.flatMap((section) => section.fields)) {
    const raw = getIn(values, field.path);
    let value: unknown = raw;
    switch (field.kind) {
      case 'text':
      case 'textarea':
        value = typeof raw === 'string' ? raw.trim() : raw;
        break;
      case 'optionalText':
        value = typeof raw === 'string' && raw.trim() ? raw.trim() : null;
        break;
      case 'bool':
        value = raw === true;
        break;
      case 'multi':
        value = Array.isArray(raw) ? raw : [];
        break;
      case 'optionalBool':
      case 'optionalDate':
      case 'star':
      case 'years':
        value = isBlank(raw) ? null : raw;
        break;
      case 'range':
      case 'optionalRange': {
        const min = getIn(raw, ['min']);
        const max = getIn(raw, ['max']);
        value =
          field.kind === 'optionalRange' && isBlank(min) && isBlank(max)
            ? null
            : { min: isBlank(min) ? undefined : min, max: isBlank(max) ? undefined : max };
        break;
      }
      default:
        value = isBlank(raw) ? undefined : raw;
    }
    if (value !== undefined) setIn(out, field.path, value);
  }
  return out;
}

/** The filed fields as form values (the same shape; booleans and lists defaulted so the inputs are controlled). */
export function toFormValues(
  sections: SectionSpec[],
  fields: Record<string, unknown> | null,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of sections.flatMap((section) => section.fields)) {
    const value = fields ? getIn(fields, field.path) : undefined;
    if (field.kind === 'bool') setIn(out, field.path, value === true);
    else if (field.kind === 'multi') setIn(out, field.path, Array.isArray(value) ? value : []);
    else if (value !== undefined && value !== null) setIn(out, field.path, value);
  }
  return out;
}

export { getIn as fieldValue };

/** Rules that depend on the kind of facility (src/domains/filing/fields.ts facilityTypeProblems). */
export function maxPlacesFor(type: FacilityType | undefined): number | null {
  return type === 'home_childcare_point' ? 5 : null;
}

export function minBedsFor(type: FacilityType | undefined): number | null {
  return type === 'care_home' || type === 'township_care_home' ? 10 : null;
}
