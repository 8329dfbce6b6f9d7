import { z } from 'zod';
import { RegionCode } from '../../server/schemas.ts';
import { birthDateSchema } from './dates.ts';
import { maskIdNumber } from '../../shared/id-number.ts';
import type { PersonalDataKeys } from '../../shared/personal-data.ts';
import { openIdNumber } from './id-number-field.ts';
import type { PersonRow } from './queries.ts';
import { CONDITION_KINDS, LIVING_SITUATIONS } from './tables.ts';

export const IsoDate = z.iso.date();
export const RecordId = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 53);
export const IdParams = z.object({ id: RecordId });
export const LivingSituation = z.enum(LIVING_SITUATIONS);
export const ConditionKind = z.enum(CONDITION_KINDS);
/** GB/T 42195-2022 final level: 0 能力完好 … 4 完全失能. */
export const CapabilityLevel = z.number().int().min(0).max(4);

const Address = z.string().trim().max(300);

/**
 * A person as written: built on the server's clock, because a birth date may not lie after today (and tests run on
 * a clock of their own).
 */
export function personInput(clock: () => Date) {
  return z.object({
    regionCode: RegionCode,
    name: z.string().trim().min(1).max(100),
    sex: z.enum(['male', 'female']).optional(),
    birthDate: birthDateSchema(clock).optional(),
    idNumber: z.string().trim().max(32).optional(),
    address: Address.optional(),
    registeredRegionCode: RegionCode.nullable().optional(),
    livingSituation: LivingSituation.nullable().optional(),
    capabilityLevel: CapabilityLevel.nullable().optional(),
    capabilityAssessedOn: IsoDate.nullable().optional(),
  });
}
export function personPatch(clock: () => Date) {
  return personInput(clock)
    .omit({ idNumber: true })
    .partial()
    .extend({ address: Address.nullable().optional() });
}

export const Person = z.object({
  id: z.number().int(),
  regionCode: z.string(),
  name: z.string(),
  sex: z.enum(['male', 'female']),
  birthDate: z.string(),
  idNumberMasked: z.string().nullable(),
  address: z.string().nullable(),
  registeredRegionCode: z.string().nullable(),
  livingSituation: LivingSituation.nullable(),
  capabilityLevel: z.number().int().nullable(),
  capabilityAssessedOn: z.string().nullable(),
});
export type PersonView = z.infer<typeof Person>;

/** A person as answered: the ID number only ever masked. */
export function personView(keys: PersonalDataKeys, row: PersonRow): PersonView {
  const idNumber = openIdNumber(keys, row.id_number_cipher, row.id_number_key_id);
  return {
    id: row.id,
    regionCode: row.region_code,
    name: row.name,
    sex: row.sex,
    birthDate: row.birth_date,
    idNumberMasked: idNumber ? maskIdNumber(idNumber) : null,
    address: row.address,
    registeredRegionCode: row.registered_region_code,
    livingSituation: row.living_situation,
    capabilityLevel: row.capability_level,
    capabilityAssessedOn: row.capability_assessed_on,
  };
}

/** Another person named in a record; null when they lie outside the caller's scope. */
export const PersonRef = z
  .object({ id: z.number().int(), regionCode: z.string(), name: z.string() })
  .nullable();

export const Condition = z.object({
  id: z.number().int(),
  personId: z.number().int(),
  kind: ConditionKind,
  disabilityGrade: z.number().int().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  source: z.string().nullable(),
  live: z.boolean(),
});
