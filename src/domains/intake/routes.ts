import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction, type Tx } from '../../db/database.ts';
import { organisationsHolding, regionScope, type Principal } from '../../server/access.ts';
import { actorOf, type AppDeps } from '../../server/app.ts';
import { AppError, forbidden, notFound } from '../../server/errors.ts';
import { ErrorBodySchema, ErrorResponses } from '../../server/schemas.ts';
import type { TypedApi } from '../../server/typed.ts';
import { recordAudit } from '../audit/record.ts';
import { rootsOf } from '../regions/scope.ts';
import { exportRoutes } from './export-routes.ts';
import { attachment } from './export.ts';
import { IntakeRunner, type IntakeJobRow } from './jobs.ts';
import type { IntakeKind } from './kind.ts';
import { findKind, INTAKE_KINDS, mayUse } from './registry.ts';
import { INTAKE_STATUSES, type FileFormat } from './tables.ts';
import { writeTemplate, XLSX_TYPE } from './template.ts';

/** The largest file one upload may carry. */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

const INTAKE_ACCESS = {
  access: { principals: ['government', 'system', 'provider'] as const, permission: 'intake.run' as const },
};
const UploadErrors = { ...ErrorResponses, 413: ErrorBodySchema, 415: ErrorBodySchema };

const KindParams = z.object({ kind: z.string().max(40) });
const JobParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 53),
});
const Text = z.object({ 'zh-CN': z.string(), 'en-US': z.string() });

const KindView = z.object({
  key: z.string(),
  title: z.string(),
  sheetName: z.string(),
  columns: z.array(
    z.object({
      key: z.string(),
      header: z.string(),
      type: z.string(),
      required: z.boolean(),
      options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
    }),
  ),
});

const JobView = z.object({
  id: z.number().int(),
  kind: z.string(),
  fileName: z.string().nullable(),
  fileFormat: z.enum(['csv', 'xlsx']),
  fileBytes: z.number().int(),
  status: z.enum(INTAKE_STATUSES),
  /** 0–1. */
  progress: z.number(),
  rowsRead: z.number().int(),
  rowsBad: z.number().int(),
  rowsCreated: z.number().int(),
  rowsUpdated: z.number().int(),
  rowsUnchanged: z.number().int(),
  message: Text.nullable(),
  /** Whether GET …/result.xlsx has a file (once the job is done or rejected). */
  resultAvailable: z.boolean(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

type JobSummary = Omit<IntakeJobRow, 'result_file'> & { has_result: boolean };

function jobView(row: JobSummary): z.infer<typeof JobView> {
  return {
    id: row.id,
    kind: row.kind,
    fileName: row.file_name,
    fileFormat: row.file_format,
    fileBytes: row.file_bytes,
    status: row.status,
    progress: row.progress,
    rowsRead: row.rows_read,
    rowsBad: row.rows_bad,
    rowsCreated: row.rows_created,
    rowsUpdated: row.rows_updated,
    rowsUnchanged: row.rows_unchanged,
    message: row.message_zh === null ? null : { 'zh-CN': row.message_zh, 'en-US': row.message_en ?? '' },
    resultAvailable: row.has_result,
    createdAt: row.created_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}

const tooLarge = () =>
  new AppError(413, 'body_too_large', {
    'zh-CN': `文件过大，单个文件不能超过${MAX_UPLOAD_BYTES / 1024 / 1024} MB，请拆分后上传`,
    'en-US': `The file is too large: at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB per upload`,
  });

function formatOf(contentType: string | undefined, fileName: string | undefined): FileFormat | null {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'text/csv') return 'csv';
  if (type === XLSX_TYPE) return 'xlsx';
  if (type === 'application/octet-stream' && fileName) {
    const extension = path.extname(fileName).toLowerCase();
    if (extension === '.csv') return 'csv';
    if (extension === '.xlsx') return 'xlsx';
  }
  return null;
}

/** Streams the request body to a private temporary file, hashing and counting it; never held in memory. */
async function receiveUpload(body: Readable): Promise<{ filePath: string; bytes: number; sha256: Buffer }> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'laoyou-intake-'));
  const filePath = path.join(dir, 'upload');
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > MAX_UPLOAD_BYTES) return done(tooLarge());
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(body, meter, fs.createWriteStream(filePath, { mode: 0o600 }));
  } catch (error) {
    await removeUpload(filePath);
    throw error instanceof AppError
      ? error
      : new AppError(400, 'upload_interrupted', {
          'zh-CN': '文件上传中断，请重新上传',
          'en-US': 'The upload was interrupted; send the file again',
        });
  }
  return { filePath, bytes, sha256: hash.digest() };
}

async function removeUpload(filePath: string): Promise<void> {
  await fs.promises.rm(path.dirname(filePath), { recursive: true, force: true });
}

/** The region a job is filed under: the root of the uploader's scope for this kind. */
async function jobRegion(tx: Tx, principal: Principal, kind: IntakeKind, served: string[]): Promise<string> {
  if (principal.principalType === 'provider') {
    const organisation = await tx
      .selectFrom('organisation')
      .select('region_code')
      .where('id', 'in', organisationsHolding(principal, 'intake.run'))
      .orderBy('id')
      .executeTakeFirst();
    if (organisation) return organisation.region_code;
  }
  const scope = regionScope(principal, kind.permission);
  if (scope !== null && scope.length > 0) return rootsOf(scope)[0];
  if (served.length > 0) return rootsOf(served)[0];
  const province = await tx
    .selectFrom('region')
    .select('code')
    .where('level', '=', 'province')
    .orderBy('code')
    .executeTakeFirstOrThrow();
  return province.code;
}

function usableKind(principal: Principal, key: string): IntakeKind {
  const kind = findKind(key);
  if (!kind) throw notFound('Intake kind', '导入类型');
  if (!mayUse(principal, kind)) throw forbidden();
  return kind;
}

/** Sends an xlsx file; the route's response schemas describe only its errors. */
function sendFile(reply: FastifyReply, name: string, file: Buffer): FastifyReply {
  return reply.type(XLSX_TYPE).header('content-disposition', attachment(name)).send(file);
}

async function ownJob(tx: Tx, principal: Principal, id: number) {
  const row = await tx
    .selectFrom('intake_job')
    .selectAll()
    .where('id', '=', id)
    .where('account_id', '=', principal.accountId)
    .executeTakeFirst();
  // Another account's job is indistinguishable from none: its rows may be another district's people.
  if (!row) throw notFound('Intake job', '导入任务');
  return row;
}

export function intakeRoutes(api: TypedApi, deps: AppDeps): void {
  const runner = new IntakeRunner({ db: deps.db, keys: deps.keys, clock: deps.clock, log: api.log });
  // Before the first request: jobs a stopped server left running would otherwise show as running forever.
  api.addHook('onReady', async () => {
    await runner.recover();
  });

  // Uploads are raw files, not JSON: their parser lives in this context only, so no other route accepts them.
  void api.register(async (plain) => {
    const scoped = plain.withTypeProvider<ZodTypeProvider>();
    scoped.addContentTypeParser(
      ['text/csv', XLSX_TYPE, 'application/octet-stream'],
      { bodyLimit: MAX_UPLOAD_BYTES },
      (_request, payload, done) => done(null, payload),
    );
    scoped.addHook('onClose', async () => runner.idle());

    scoped.post(
      '/intake/:kind',
      {
        config: INTAKE_ACCESS,
        bodyLimit: MAX_UPLOAD_BYTES,
        schema: {
          tags: ['intake'],
          summary:
            'Upload a CSV (text/csv, UTF-8 or GBK) or xlsx file of one kind as the raw body; it is validated and ' +
            'applied all-or-nothing in the background: follow GET /api/intake/jobs/:id',
          params: KindParams,
          querystring: z.object({ fileName: z.string().trim().max(255).optional() }),
          response: { 202: JobView, ...UploadErrors },
        },
      },
      async (request, reply) => {
        const principal = request.principal!;
        const kind = usableKind(principal, request.params.kind);
        const fileName = request.query.fileName || null;
        const format = formatOf(request.headers['content-type'], fileName ?? undefined);
        const body = request.body as unknown;
        if (format === null || !body || typeof (body as Readable).pipe !== 'function') {
          throw new AppError(415, 'unsupported_media_type', {
            'zh-CN': '请上传 CSV（text/csv）或 Excel（xlsx）文件，文件内容即为请求体',
            'en-US': `Send the file as the body with Content-Type text/csv or ${XLSX_TYPE}`,
          });
        }
        const upload = await receiveUpload(body as Readable);
        if (upload.bytes === 0) {
          await removeUpload(upload.filePath);
          throw new AppError(400, 'empty_file', {
            'zh-CN': '上传的文件是空的',
            'en-US': 'The uploaded file is empty',
          });
        }
        let job: IntakeJobRow;
        try {
          job = await inTransaction(deps.db, async (tx) => {
            const row = await tx
              .insertInto('intake_job')
              .values({
                region_code: await jobRegion(tx, principal, kind, deps.servedRegions),
                account_id: principal.accountId,
                kind: kind.key,
                file_name: fileName,
                file_format: format,
                file_bytes: upload.bytes,
                file_sha256: upload.sha256,
              })
              .returningAll()
              .executeTakeFirstOrThrow();
            await recordAudit(tx, actorOf(request), {
              action: 'create',
              entity: 'intake_job',
              entityId: row.id,
              regionCode: row.region_code,
              detail: { kind: kind.key, format, bytes: upload.bytes },
            });
            return row;
          });
        } catch (error) {
          await removeUpload(upload.filePath);
          throw error;
        }
        runner.submit({
          jobId: job.id,
          kind,
          principal,
          actor: actorOf(request),
          filePath: upload.filePath,
          format,
          fileBytes: upload.bytes,
        });
        return reply.status(202).send(jobView({ ...job, has_result: false }));
      },
    );
  });

  api.get(
    '/intake/kinds',
    {
      config: INTAKE_ACCESS,
      schema: {
        tags: ['intake'],
        summary: 'The kinds of file the caller may upload, with their columns',
        response: { 200: z.object({ kinds: z.array(KindView) }), ...ErrorResponses },
      },
    },
    async (request) => ({
      kinds: INTAKE_KINDS.filter((kind) => mayUse(request.principal!, kind)).map((kind) => ({
        key: kind.key,
        title: kind.title,
        sheetName: kind.sheetName,
        columns: kind.columns.map((column) => ({
          key: column.key,
          header: column.header,
          type: column.type,
          required: column.required,
          ...(column.type === 'enum' && { options: column.options.map((o) => ({ ...o })) }),
        })),
      })),
    }),
  );

  api.get(
    '/intake/:kind/template',
    {
      config: INTAKE_ACCESS,
      schema: {
        tags: ['intake'],
        summary:
          'The xlsx template of a kind: headers, text-formatted ID columns, dropdowns, 说明 in Chinese',
        params: KindParams,
        response: { ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const kind = usableKind(request.principal!, request.params.kind);
      const file = await writeTemplate(kind);
      return sendFile(reply, `${kind.title}导入模板.xlsx`, file);
    },
  );

  api.get(
    '/intake/jobs/:id',
    {
      config: INTAKE_ACCESS,
      schema: {
        tags: ['intake'],
        summary: "An upload's status and progress (the uploader's own jobs only)",
        params: JobParams,
        response: { 200: JobView, ...ErrorResponses },
      },
    },
    async (request) =>
      inTransaction(deps.db, async (tx) => {
        const { result_file, ...row } = await ownJob(tx, request.principal!, request.params.id);
        return jobView({ ...row, has_result: result_file !== null });
      }),
  );

  api.get(
    '/intake/jobs/:id/result.xlsx',
    {
      config: INTAKE_ACCESS,
      schema: {
        tags: ['intake'],
        summary:
          'The result file of a finished upload: its bad rows (at most 10,000) with row numbers and reasons in ' +
          'Chinese, ID numbers masked, and a summary sheet',
        params: JobParams,
        response: { ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const file = await inTransaction(deps.db, async (tx) => {
        const row = await ownJob(tx, request.principal!, request.params.id);
        if (row.result_file === null) throw notFound('Result file', '结果文件（任务尚未完成）');
        await recordAudit(tx, actorOf(request), {
          action: 'read',
          entity: 'intake_job',
          entityId: row.id,
          regionCode: row.region_code,
          detail: { resultFile: true, rowsBad: row.rows_bad },
        });
        return row.result_file;
      });
      return sendFile(reply, `导入结果-${request.params.id}.xlsx`, file);
    },
  );

  exportRoutes(api, deps);
}
