// Bulk loading of staged rows with COPY … FROM STDIN, on the connection of a Kysely transaction.
import { once } from 'node:events';
import { CompiledQuery } from 'kysely';
import { from as copyFrom } from 'pg-copy-streams';
import type { Tx } from '../../db/database.ts';
import type { StagedValue } from './kind.ts';

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One field in COPY's text format. */
export function copyField(value: StagedValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'string') {
    return NEEDS_ESCAPE.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : value;
  }
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  // bytea's hex input form, its backslash escaped for COPY.
  return `\\\\x${value.toString('hex')}`;
}

const CHUNK_CHARS = 256 * 1024;

/** Writes lines to a COPY in large chunks, waiting when the connection is behind. */
export class CopyWriter {
  private buffered: string[] = [];
  private size = 0;
  private readonly done: Promise<void>;

  constructor(private readonly stream: NodeJS.WritableStream) {
    this.done = new Promise((resolve, reject) => {
      stream.once('finish', () => resolve());
      stream.once('error', reject);
    });
    // Until finish() is awaited, an error must not surface as an unhandled rejection.
    this.done.catch(() => {});
  }

  /** Adds one row; resolves at once unless the connection is behind (then after it drains). */
  row(fields: StagedValue[]): Promise<void> | undefined {
    let line = copyField(fields[0]);
    for (let i = 1; i < fields.length; i++) line += '\t' + copyField(fields[i]);
    this.buffered.push(line);
    this.size += line.length + 1;
    return this.size >= CHUNK_CHARS ? this.flush() : undefined;
  }

  private async flush(): Promise<void> {
    if (this.buffered.length === 0) return;
    const chunk = this.buffered.join('\n') + '\n';
    this.buffered = [];
    this.size = 0;
    if (!this.stream.write(chunk)) await Promise.race([once(this.stream, 'drain'), this.done]);
  }

  /** Ends the COPY and resolves when the server has taken every row. */
  async finish(): Promise<void> {
    await this.flush();
    this.stream.end();
    await this.done;
  }

  abort(error: Error): void {
    (this.stream as unknown as { destroy(error: Error): void }).destroy(error);
  }
}

/**
 * Starts `COPY … FROM STDIN` on the transaction's connection. Kysely does not hand out its pg client, but it passes a
 * compiled query's text straight to the client's query(), and pg runs any Submittable given there (pg-copy-streams'
 * stream is one) in the connection's queue: so the COPY runs inside the transaction. Nothing else may be sent on the
 * transaction until the writer has finished.
 */
export async function startCopy(tx: Tx, statement: string): Promise<CopyWriter> {
  const stream = copyFrom(statement);
  const writer = new CopyWriter(stream);
  await tx.executeQuery({ ...CompiledQuery.raw(''), sql: stream as unknown as string });
  return writer;
}
