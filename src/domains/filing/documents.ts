import crypto from 'node:crypto';
import type { FilingDomain, FilingKind } from './deadlines.ts';

/** The documents a filing carries (《托育机构登记和备案办法（试行）》, 《养老机构管理办法》). */
export const DOCUMENT_TYPES = [
  'filing_form', // 备案书
  'commitment', // 承诺书
  'registration_certificate', // 登记证书 / 营业执照
  'premises_proof', // 场地证明（产权或租赁合同）
  'fire_safety', // 消防证明
  'food_licence', // 食品经营许可
  'staff_qualifications', // 人员资格与健康证明
  'health_evaluation', // 卫生评价报告（合格）
  'liability_insurance', // 责任保险
  'medical_agreement', // 医疗机构签约协议
  'deregistration_notice', // 注销说明
  'other',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** Stored in the database so a document commits or rolls back with its filing; scans rarely exceed a few MiB. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
/** Base64 grows content by 4/3; the rest is room for the JSON around it. */
export const DOCUMENT_BODY_LIMIT = Math.ceil((MAX_DOCUMENT_BYTES * 4) / 3) + 64 * 1024;

export const CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type ContentType = (typeof CONTENT_TYPES)[number];

const SIGNATURES: Record<ContentType, number[]> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
};

/** Whether the bytes start as the declared type does: a renamed executable is not a PDF. */
export function contentMatchesType(content: Buffer, type: ContentType): boolean {
  const signature = SIGNATURES[type];
  return content.length >= signature.length && signature.every((byte, index) => content[index] === byte);
}

export function sha256Hex(content: Buffer): string {
  return crypto.createHash('sha256').update(content).digest('hex');
}

/** Strict base64: Buffer.from silently skips characters that are not base64, which would store a different file. */
export function decodeBase64(text: string): Buffer | null {
  const compact = text.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return null;
  return Buffer.from(compact, 'base64');
}

/** The documents a filing must carry before it can be submitted. */
export function requiredDocuments(
  domain: FilingDomain,
  kind: FilingKind,
  fields: Record<string, unknown>,
): DocumentType[] {
  if (kind === 'deregistration') return ['deregistration_notice'];
  const meals = fields.foodLicence === 'licensed' ? (['food_licence'] as const) : [];
  if (domain === 'childcare') {
    return [
      'filing_form',
      'commitment',
      'registration_certificate',
      'premises_proof',
      'staff_qualifications',
      'health_evaluation',
      'fire_safety',
      ...meals,
    ];
  }
  return ['filing_form', 'commitment', 'registration_certificate', 'premises_proof', 'fire_safety', ...meals];
}

export function missingDocuments(
  required: readonly DocumentType[],
  present: readonly string[],
): DocumentType[] {
  const have = new Set(present);
  return required.filter((type) => !have.has(type));
}
