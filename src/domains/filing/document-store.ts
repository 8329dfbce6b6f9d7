// Filing documents in and out of the database: the upload checks (type, size, checksum) and the read that verifies
// the stored checksum before handing bytes back.
import type { Tx } from '../../db/database.ts';
import { AppError, fieldError, invalidInput, notFound } from '../../server/errors.ts';
import type { Actor } from '../audit/record.ts';
import { recordAudit } from '../audit/record.ts';
import {
  contentMatchesType,
  decodeBase64,
  MAX_DOCUMENT_BYTES,
  sha256Hex,
  type ContentType,
  type DocumentType,
} from './documents.ts';
import type { FilingRow } from './queries.ts';
import { documentView } from './views.ts';

export interface UploadInput {
  type: DocumentType;
  fileName: string;
  contentType: ContentType;
  content: string;
  sha256?: string;
}

export async function storeDocument(
  tx: Tx,
  filing: FilingRow,
  input: UploadInput,
  actor: Actor,
  accountId: number,
) {
  const bytes = decodeBase64(input.content);
  if (!bytes || bytes.length === 0) {
    throw invalidInput([
      fieldError('body.content', '文件内容应为非空的Base64编码', 'content must be non-empty base64'),
    ]);
  }
  if (bytes.length > MAX_DOCUMENT_BYTES) {
    throw invalidInput([
      fieldError(
        'body.content',
        `文件不能超过${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB`,
        `A document may not exceed ${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB`,
      ),
    ]);
  }
  if (!contentMatchesType(bytes, input.contentType)) {
    throw invalidInput([
      fieldError(
        'body.contentType',
        '文件内容与声明的类型不符（仅接受PDF、JPEG、PNG）',
        'The content is not of the declared type (only PDF, JPEG and PNG are accepted)',
      ),
    ]);
  }
  const checksum = sha256Hex(bytes);
  if (input.sha256 && input.sha256.toLowerCase() !== checksum) {
    throw invalidInput([
      fieldError(
        'body.sha256',
        '校验值与收到的文件不符，文件可能在传输中损坏',
        'The checksum does not match the received content; the file was damaged in transit',
      ),
    ]);
  }
  const row = await tx
    .insertInto('filing_document')
    .values({
      region_code: filing.region_code,
      filing_id: filing.id,
      type: input.type,
      file_name: input.fileName,
      content_type: input.contentType,
      size_bytes: bytes.length,
      sha256: Buffer.from(checksum, 'hex'),
      content: bytes,
      uploaded_by: accountId,
    })
    .returning(['id', 'type', 'file_name', 'content_type', 'size_bytes', 'sha256', 'uploaded_at'])
    .executeTakeFirstOrThrow();
  await recordAudit(tx, actor, {
    action: 'create',
    entity: 'filing_document',
    entityId: row.id,
    regionCode: filing.region_code,
    detail: { filingId: filing.id, type: row.type, sizeBytes: row.size_bytes },
  });
  return documentView(row);
}

export async function readDocument(tx: Tx, filing: FilingRow, documentId: number, actor: Actor) {
  const row = await tx
    .selectFrom('filing_document')
    .select(['id', 'type', 'file_name', 'content_type', 'size_bytes', 'sha256', 'uploaded_at', 'content'])
    .where('filing_id', '=', filing.id)
    .where('id', '=', documentId)
    .executeTakeFirst();
  if (!row) throw notFound('Document', '材料');
  // Storage can rot or be tampered with behind the database's checks; never hand out bytes that differ from upload.
  if (sha256Hex(row.content) !== row.sha256.toString('hex')) {
    throw new AppError(500, 'document_integrity_failed', {
      'zh-CN': '材料文件校验失败，文件已损坏，请联系管理员',
      'en-US': 'The stored document fails its checksum; it is damaged. Contact an administrator',
    });
  }
  await recordAudit(tx, actor, {
    action: 'read',
    entity: 'filing_document',
    entityId: row.id,
    regionCode: filing.region_code,
    detail: { filingId: filing.id },
  });
  return { ...documentView(row), content: row.content.toString('base64') };
}

export async function deleteDocument(tx: Tx, filing: FilingRow, documentId: number, actor: Actor) {
  const row = await tx
    .deleteFrom('filing_document')
    .where('region_code', '=', filing.region_code)
    .where('filing_id', '=', filing.id)
    .where('id', '=', documentId)
    .returning(['id', 'type', 'file_name', 'content_type', 'size_bytes', 'sha256', 'uploaded_at'])
    .executeTakeFirst();
  if (!row) throw notFound('Document', '材料');
  await recordAudit(tx, actor, {
    action: 'delete',
    entity: 'filing_document',
    entityId: row.id,
    regionCode: filing.region_code,
    detail: { filingId: filing.id, type: row.type },
  });
  return documentView(row);
}
