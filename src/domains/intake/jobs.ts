// Intake jobs: an upload is recorded, answered at once, and processed in the background of the server process, one
// job at a time so that a large file gets the machine and memory stays bounded.
import fs from 'node:fs';
import type { Selectable } from 'kysely';
import { inTransaction, type Db } from '../../db/database.ts';
import type { Principal } from '../../server/access.ts';
import type { LocalisedText } from '../../server/errors.ts';
import type { PersonalDataKeys } from '../../shared/personal-data.ts';
import { recordAuditMany, type Actor } from '../audit/record.ts';
import { chinaDate } from '../people/rules.ts';
import type { IntakeKind } from './kind.ts';
import { FileProblem, runIntake, type IntakeProgress } from './pipeline.ts';
import { intakeScope } from './registry.ts';
import { UnreadableFile } from './reader.ts';
import { writeResultFile } from './result-file.ts';
import type { FileFormat, IntakeJobTable } from './tables.ts';

export type IntakeJobRow = Selectable<IntakeJobTable>;

export interface JobWork {
  jobId: number;
  kind: IntakeKind;
  principal: Principal;
  actor: Actor;
  filePath: string;
  format: FileFormat;
  fileBytes: number;
}

export interface RunnerDeps {
  db: Db;
  keys: PersonalDataKeys;
  clock: () => Date;
  log: { error(object: unknown, message: string): void };
}

const SERVER_GAVE_UP: LocalisedText = {
  'zh-CN': '处理文件时服务器出错，文件未导入，请稍后重试',
  'en-US': 'The server failed while processing the file; nothing was imported, try again later',
};

export const SERVER_STOPPED: LocalisedText = {
  'zh-CN': '处理文件期间服务器停止运行，文件未导入，请重新上传',
  'en-US': 'The server stopped while processing the file; nothing was imported, upload it again',
};

const UNFINISHED = ['queued', 'validating', 'applying'] as const;

/**
 * Fails the jobs a stopped server left unfinished, so that their uploaders see why instead of a job running forever.
 * Called before the server takes requests: one server owns a database (its data folder is locked), so at that moment
 * no unfinished job is being worked on, and jobs queued later are not touched. Their intake transaction was rolled
 * back with the connection, so nothing of them was imported.
 */
export async function failAbandonedJobs(db: Db, clock: () => Date): Promise<number> {
  return inTransaction(db, async (tx) => {
    const failed = await tx
      .updateTable('intake_job')
      .set({
        status: 'failed',
        rows_bad: 0,
        message_zh: SERVER_STOPPED['zh-CN'],
        message_en: SERVER_STOPPED['en-US'],
        finished_at: clock(),
      })
      .where('status', 'in', UNFINISHED)
      .returning(['id', 'region_code', 'kind'])
      .execute();
    await recordAuditMany(
      tx,
      { principal: null, ip: null, requestId: null },
      failed.map((job) => ({
        action: 'update',
        entity: 'intake_job',
        entityId: job.id,
        regionCode: job.region_code,
        detail: { kind: job.kind, status: 'failed', reason: 'server_stopped' },
      })),
    );
    return failed.length;
  });
}

function failureMessage(error: unknown): LocalisedText {
  if (error instanceof FileProblem) return { 'zh-CN': error.zh, 'en-US': error.en };
  if (error instanceof UnreadableFile) {
    return error.format === 'csv'
      ? {
          'zh-CN': `无法读取 CSV 文件：${(error.reason as Error)?.message ?? ''}`.slice(0, 900),
          'en-US': `The CSV file cannot be read: ${(error.reason as Error)?.message ?? ''}`.slice(0, 900),
        }
      : {
          'zh-CN': '无法读取该文件：不是有效的 Excel（xlsx）文件',
          'en-US': 'The file cannot be read: it is not a valid Excel (xlsx) file',
        };
  }
  return SERVER_GAVE_UP;
}

export class IntakeRunner {
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly deps: RunnerDeps) {}

  /** Fails what a previous server process left unfinished; await it before taking uploads. */
  recover(): Promise<number> {
    return failAbandonedJobs(this.deps.db, this.deps.clock);
  }

  /** Queues a job; its outcome lands in intake_job, never as an exception here. */
  submit(work: JobWork): void {
    this.chain = this.chain.then(() => this.run(work)).catch(() => {});
  }

  /** Resolves when every queued job has finished (the server waits for it before closing). */
  idle(): Promise<void> {
    return this.chain;
  }

  private async run(work: JobWork): Promise<void> {
    const { db } = this.deps;
    const now = this.deps.clock();
    const update = (values: Partial<Omit<IntakeJobRow, 'id' | 'region_code'>>) =>
      db.updateTable('intake_job').set(values).where('id', '=', work.jobId).execute();
    let progressWrites: Promise<unknown> = Promise.resolve();
    try {
      await update({ status: 'validating', started_at: now });
      const onProgress = (p: IntakeProgress) => {
        progressWrites = progressWrites
          .then(() =>
            update({ status: p.phase, progress: p.progress, rows_read: p.rowsRead, rows_bad: p.rowsBad }),
          )
          .catch(() => {});
      };
      const outcome = await runIntake(db, {
        kind: work.kind,
        filePath: work.filePath,
        format: work.format,
        fileBytes: work.fileBytes,
        keys: this.deps.keys,
        context: {
          today: chinaDate(now),
          now,
          scope: intakeScope(work.principal, work.kind),
          accountId: work.principal.accountId,
          actor: work.actor,
        },
        actor: work.actor,
        jobId: work.jobId,
        onProgress,
      });
      await progressWrites;
      const resultFile = await writeResultFile(work.kind, work.filePath, work.format, outcome);
      await update({
        status: outcome.status,
        progress: 1,
        rows_read: outcome.rowsRead,
        rows_bad: outcome.rowsBad,
        rows_created: outcome.created,
        rows_updated: outcome.updated,
        rows_unchanged: outcome.unchanged,
        result_file: resultFile,
        finished_at: this.deps.clock(),
        ...(outcome.status === 'rejected' && {
          message_zh: `有${outcome.rowsBad}行有误，整个文件均未导入`,
          message_en: `${outcome.rowsBad} rows are invalid; nothing was imported`,
        }),
      });
    } catch (error) {
      await progressWrites;
      const message = failureMessage(error);
      if (message === SERVER_GAVE_UP) this.deps.log.error({ err: error, jobId: work.jobId }, 'intake failed');
      await update({
        status: 'failed',
        rows_bad: 0,
        message_zh: message['zh-CN'],
        message_en: message['en-US'],
        finished_at: this.deps.clock(),
      }).catch((failure: unknown) => this.deps.log.error({ err: failure }, 'intake job not updated'));
    } finally {
      await fs.promises.rm(work.filePath, { force: true });
    }
  }
}
