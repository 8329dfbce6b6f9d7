// Bulk loading of staged rows with COPY … FROM STDIN, on the connection of a Kysely transaction.
import { once } from 'node:events';
import { CompiledQuery } from 'kysely';
import { from as copyFrom } from 'pg-copy-streams';
import type { Tx } from '../../db/database.ts';
import type { StagedValue } from './kind.ts';
import { SealedBytes } from './sealed-bytes.ts';

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

const escaped = (value: string) =>
  NEEDS_ESCAPE.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : value;

/** One field in COPY's text format. */
export function copyField(value: StagedValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'string') return escaped(value);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  // bytea's hex input form, its backslash escaped for COPY.
  if (value instanceof SealedBytes) return `\\\\x${value.bytes().toString('hex')}`;
  return `\\\\x${value.toString('hex')}`;
}

const PIECE_BYTES = 256 * 1024;
const TAB = 9;
const NEWLINE = 10;
const BACKSLASH = 92;
const HEX = Buffer.from('0123456789abcdef');

/**
 * COPY text built row by row straight into buffers of about PIECE_BYTES, each sent to the server in one write. Why
 * not a string per row: at a million rows, joining the rows' strings (flattening each) and collecting them cost more
 * than everything else in the COPY.
 */
export class CopyText {
  private buffer = Buffer.allocUnsafeSlow(PIECE_BYTES);
  private at = 0;
  private readonly pieces: Buffer[] = [];
  rows = 0;

  /** Adds one row; true when a piece is complete. */
  row(fields: StagedValue[]): boolean {
    let bound = fields.length;
    for (const value of fields) {
      if (typeof value === 'string') bound += value.length * 6;
      else if (value instanceof SealedBytes) bound += value.length * 2 + 3;
      else if (Buffer.isBuffer(value)) bound += value.length * 2 + 3;
      else bound += 24;
    }
    let cut = false;
    if (this.at + bound > this.buffer.length) {
      this.cut();
      cut = true;
      if (bound > this.buffer.length) this.buffer = Buffer.allocUnsafeSlow(bound);
    }
    const buffer = this.buffer;
    let at = this.at;
    for (let i = 0; i < fields.length; i++) {
      if (i > 0) buffer[at++] = TAB;
      const value = fields[i];
      if (typeof value === 'string') {
        at += buffer.write(escaped(value), at, 'utf8');
      } else if (value instanceof SealedBytes) {
        at = writeHex(buffer, at, value.source(), value.start, value.length);
      } else if (Buffer.isBuffer(value)) {
        at = writeHex(buffer, at, value, 0, value.length);
      } else {
        at += buffer.write(copyField(value), at, 'latin1');
      }
    }
    buffer[at++] = NEWLINE;
    this.at = at;
    this.rows++;
    return cut;
  }

  private cut(): void {
    if (this.at === 0) return;
    this.pieces.push(this.buffer.subarray(0, this.at));
    this.buffer = Buffer.allocUnsafeSlow(PIECE_BYTES);
    this.at = 0;
  }

  /** The complete pieces so far (all of them with `all`), handed over once. */
  take(all = false): Buffer[] {
    if (all) this.cut();
    return this.pieces.splice(0);
  }
}

/** bytea's hex input form (`\\x…`, its backslash escaped for COPY) of source[start, start + length) at `at`. */
function writeHex(buffer: Buffer, at: number, source: Buffer, start: number, length: number): number {
  buffer[at++] = BACKSLASH;
  buffer[at++] = BACKSLASH;
  buffer[at++] = 120; // x
  for (let i = start; i < start + length; i++) {
    const byte = source[i];
    buffer[at++] = HEX[byte >> 4];
    buffer[at++] = HEX[byte & 15];
  }
  return at;
}

/** Writes COPY text to the server, waiting when the connection is behind. */
export class CopyWriter {
  private readonly text = new CopyText();
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
    return this.text.row(fields) ? this.write(this.text.take()) : undefined;
  }

  /** Sends pieces of COPY text (whole lines). */
  async write(pieces: Buffer[]): Promise<void> {
    for (const piece of pieces) {
      if (!this.stream.write(piece)) await Promise.race([once(this.stream, 'drain'), this.done]);
    }
  }

  /** Ends the COPY and resolves when the server has taken every row. */
  async finish(): Promise<void> {
    await this.write(this.text.take(true));
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
