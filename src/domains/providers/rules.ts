// Rules of the providers domain as pure functions of their input: no database, no clock.
import { fieldError, invalidInput, type FieldError } from '../../server/errors.ts';
import { parseUscc } from '../../shared/uscc.ts';
import type {
  FacilityDomain,
  MedicalIntegration,
  OperatingStatus,
  OrganisationType,
} from './facility-types.ts';

/** Validates a unified social credit code from input (GB 32100 check character), throwing the 400 to show. */
export function requireValidUscc(raw: string, path: string): string {
  const parsed = parseUscc(raw);
  if (parsed.ok) return parsed.value;
  throw invalidInput([
    parsed.problem === 'format'
      ? fieldError(
          path,
          '统一社会信用代码应为18位，由数字和大写字母组成（不含I、O、S、V、Z）',
          'A unified social credit code has 18 digits and capital letters (no I, O, S, V or Z)',
        )
      : fieldError(path, '统一社会信用代码校验位不正确', 'The check character of the credit code is wrong'),
  ]);
}

/**
 * The legal form the code's registration authority and category (its first two characters) record:
 * 11 organs of state, 12 public institutions, 5x social organisations, 91 companies, 92 individual businesses.
 */
export function organisationTypeOfUscc(uscc: string): OrganisationType {
  const prefix = uscc.slice(0, 2);
  if (prefix === '11') return 'government_agency';
  if (prefix === '12') return 'public_institution';
  if (prefix[0] === '5') return 'social_organisation';
  if (prefix === '91') return 'company';
  if (prefix === '92') return 'individual_business';
  return 'other';
}

// Mainland China, Hainan's islands included, with a margin: anything outside is a slip, most often swapped axes.
const CHINA_LONGITUDE = [73, 136] as const;
const CHINA_LATITUDE = [3, 54] as const;

export function coordinateProblems(
  longitude: number | null | undefined,
  latitude: number | null | undefined,
  path = 'body',
): FieldError[] {
  const hasLng = longitude !== null && longitude !== undefined;
  const hasLat = latitude !== null && latitude !== undefined;
  if (hasLng !== hasLat) {
    return [
      fieldError(
        `${path}.${hasLng ? 'latitude' : 'longitude'}`,
        '经度和纬度须同时填写',
        'Longitude and latitude go together',
      ),
    ];
  }
  const problems: FieldError[] = [];
  if (hasLng && (longitude < CHINA_LONGITUDE[0] || longitude > CHINA_LONGITUDE[1])) {
    problems.push(
      fieldError(
        `${path}.longitude`,
        `经度应在东经${CHINA_LONGITUDE[0]}°至${CHINA_LONGITUDE[1]}°之间`,
        `Longitude must lie between ${CHINA_LONGITUDE[0]} and ${CHINA_LONGITUDE[1]} degrees east`,
      ),
    );
  }
  if (hasLat && (latitude < CHINA_LATITUDE[0] || latitude > CHINA_LATITUDE[1])) {
    problems.push(
      fieldError(
        `${path}.latitude`,
        `纬度应在北纬${CHINA_LATITUDE[0]}°至${CHINA_LATITUDE[1]}°之间`,
        `Latitude must lie between ${CHINA_LATITUDE[0]} and ${CHINA_LATITUDE[1]} degrees north`,
      ),
    );
  }
  return problems;
}

/** Fee ranges given as [name, min, max]: a maximum below its minimum is a slip. */
export function feeRangeProblems(
  ranges: [string, number | null | undefined, number | null | undefined][],
  path = 'body.fees',
): FieldError[] {
  return ranges
    .filter(
      ([, min, max]) => min !== null && min !== undefined && max !== null && max !== undefined && max < min,
    )
    .map(([name]) =>
      fieldError(`${path}.${name}.max`, '最高收费不能低于最低收费', 'The maximum is below the minimum'),
    );
}

/** The figures of one capacity period. */
export interface CapacityFigures {
  operatingStatus: OperatingStatus;
  bedsTotal: number;
  bedsNursing: number;
  bedsDementia: number;
  bedsInclusive: number;
  placesInfant: number;
  placesYoungToddler: number;
  placesOlderToddler: number;
  placesMixed: number;
  placesInclusive: number;
  inclusive: boolean;
  floorArea: number | null;
  grade: number | null;
  medicalIntegration: MedicalIntegration;
}

export const BED_FIELDS = ['bedsTotal', 'bedsNursing', 'bedsDementia', 'bedsInclusive'] as const;
export const PLACE_FIELDS = [
  'placesInfant',
  'placesYoungToddler',
  'placesOlderToddler',
  'placesMixed',
  'placesInclusive',
] as const;

const EMPTY: Omit<CapacityFigures, 'operatingStatus'> = {
  bedsTotal: 0,
  bedsNursing: 0,
  bedsDementia: 0,
  bedsInclusive: 0,
  placesInfant: 0,
  placesYoungToddler: 0,
  placesOlderToddler: 0,
  placesMixed: 0,
  placesInclusive: 0,
  inclusive: false,
  floorArea: null,
  grade: null,
  medicalIntegration: 'none',
};

/**
 * The figures of a new period: what the input states, and for the rest what held on the day before it (so recording
 * "grade 3 from 2022-05-01" does not wipe the beds). Without a previous period, unstated counts are zero and the
 * operating status must be stated.
 */
export function mergeCapacity(
  previous: CapacityFigures | null,
  input: Partial<CapacityFigures>,
  path = 'body',
): CapacityFigures {
  const base = previous ?? EMPTY;
  const defined = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
  const merged = { ...base, ...defined } as Partial<CapacityFigures>;
  if (!merged.operatingStatus) {
    throw invalidInput([
      fieldError(
        `${path}.operatingStatus`,
        '首次登记须填写运营状态',
        'The first record needs an operating status',
      ),
    ]);
  }
  return merged as CapacityFigures;
}

/** What is wrong with a period's figures for a facility of this domain. */
export function capacityProblems(
  domain: FacilityDomain,
  figures: CapacityFigures,
  path = 'body',
): FieldError[] {
  const problems: FieldError[] = [];
  const wrongKind =
    domain === 'elderly_care'
      ? PLACE_FIELDS.filter((field) => figures[field] > 0)
      : BED_FIELDS.filter((field) => figures[field] > 0);
  for (const field of wrongKind) {
    problems.push(
      domain === 'elderly_care'
        ? fieldError(
            `${path}.${field}`,
            '养老服务设施不登记托位',
            'An elderly-care facility has no childcare places',
          )
        : fieldError(
            `${path}.${field}`,
            '托育服务设施不登记养老床位',
            'A childcare facility has no elderly-care beds',
          ),
    );
  }
  const partOfBeds: [keyof CapacityFigures, string, string][] = [
    ['bedsNursing', '护理型床位', 'Nursing-type beds'],
    ['bedsDementia', '认知障碍照护床位', 'Dementia-care beds'],
    ['bedsInclusive', '普惠性床位', 'Inclusive beds'],
  ];
  for (const [field, zh, en] of partOfBeds) {
    if ((figures[field] as number) > figures.bedsTotal) {
      problems.push(
        fieldError(`${path}.${field}`, `${zh}不能多于床位总数`, `${en} cannot exceed the total beds`),
      );
    }
  }
  const places =
    figures.placesInfant + figures.placesYoungToddler + figures.placesOlderToddler + figures.placesMixed;
  if (figures.placesInclusive > places) {
    problems.push(
      fieldError(
        `${path}.placesInclusive`,
        '普惠性托位不能多于托位总数',
        'Inclusive places cannot exceed all places',
      ),
    );
  }
  return problems;
}

/** A stored period, as far as placing a new one is concerned: from is included, to (null: open) is not. */
export interface PeriodBounds {
  id: number;
  validFrom: string;
  validTo: string | null;
}

export type CapacityPlacement =
  | { ok: true; closePeriodId: number | null; validTo: string | null }
  | { ok: false; reason: 'same_start' | 'overlap' };

/**
 * Where a new period [from, to) goes in a facility's history. Recording from a date inside the open period closes
 * that period the day before; an open-ended period recorded before a later one ends where the later one starts (a
 * baseline entered afterwards); anything else that would overlap a recorded period is refused, as is a second
 * period starting on the same day (that is a correction, not a change).
 */
export function placeCapacityPeriod(
  periods: PeriodBounds[],
  from: string,
  to: string | null,
): CapacityPlacement {
  if (periods.some((period) => period.validFrom === from)) return { ok: false, reason: 'same_start' };
  const containing = periods.find(
    (period) => period.validFrom < from && (period.validTo === null || period.validTo > from),
  );
  if (containing) {
    if (containing.validTo !== null) return { ok: false, reason: 'overlap' };
    return { ok: true, closePeriodId: containing.id, validTo: to };
  }
  const next = periods
    .filter((period) => period.validFrom > from)
    .sort((a, b) => a.validFrom.localeCompare(b.validFrom))[0];
  if (!next) return { ok: true, closePeriodId: null, validTo: to };
  if (to === null) return { ok: true, closePeriodId: null, validTo: next.validFrom };
  return to <= next.validFrom
    ? { ok: true, closePeriodId: null, validTo: to }
    : { ok: false, reason: 'overlap' };
}
