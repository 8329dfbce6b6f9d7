import { parseIdNumber, type IdNumberProblem } from '../../shared/id-number.ts';
import {
  decryptPersonalData,
  encryptPersonalData,
  personalDataHash,
  type PersonalDataKeys,
} from '../../shared/personal-data.ts';
import { fieldError, invalidInput, type FieldError } from '../../server/errors.ts';

const PROBLEM_TEXT: Record<IdNumberProblem, [string, string]> = {
  format: [
    '身份证号码应为18位，前17位为数字，末位为数字或X',
    'An ID number has 18 characters: 17 digits and a digit or X',
  ],
  check_digit: ['身份证号码校验位不正确', 'The ID number check character is wrong'],
  birth_date: ['身份证号码中的出生日期不存在', 'The birth date in the ID number does not exist'],
  address_code: ['身份证号码的地址码不正确', 'The address code of the ID number is not valid'],
};

export function idNumberFieldError(path: string, problem: IdNumberProblem): FieldError {
  const [zh, en] = PROBLEM_TEXT[problem];
  return fieldError(path, zh, en);
}

/** Validates an ID number from input, throwing the 400 a caller should see. */
export function requireValidIdNumber(raw: string, path: string, today: Date) {
  const parsed = parseIdNumber(raw, today);
  if (!parsed.ok) throw invalidInput([idNumberFieldError(path, parsed.problem)]);
  return parsed;
}

/** The three columns that store an ID number: ciphertext, key id and keyed hash. */
export function sealIdNumber(keys: PersonalDataKeys, value: string) {
  const { cipher, keyId } = encryptPersonalData(keys, value);
  return { id_number_cipher: cipher, id_number_key_id: keyId, id_number_hash: personalDataHash(keys, value) };
}

export function idNumberHash(keys: PersonalDataKeys, value: string): Buffer {
  return personalDataHash(keys, value);
}

export function openIdNumber(
  keys: PersonalDataKeys,
  cipher: Buffer | null,
  keyId: string | null,
): string | null {
  return cipher && keyId ? decryptPersonalData(keys, cipher, keyId) : null;
}
