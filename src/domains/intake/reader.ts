// Streams the rows of an uploaded CSV or xlsx file in batches, never holding the file: a 200 MiB upload is read with
// a few megabytes of memory.
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import type { CellValue, Row } from 'exceljs';
import ExcelJS from './excel.ts';
import type { Cell } from './columns.ts';
import { CsvSyntaxError, MAX_RECORD_CHARS, tokenizeCsv } from './csv-tokenizer.ts';
import type { FileFormat } from './tables.ts';

export interface SheetRow {
  /** The row's number as the clerk sees it (the header is row 1). */
  rowNo: number;
  cells: Cell[];
}

export interface RowSource {
  /** Batches of rows, header included as the first row. */
  batches: AsyncIterable<SheetRow[]>;
  /** Bytes of the file consumed so far, for progress. */
  bytesRead(): number;
}

const BATCH = 1000;

/** A file stream that counts what it has handed on. */
function countingStream(filePath: string): { stream: Readable; bytesRead: () => number } {
  const stream = fs.createReadStream(filePath, { highWaterMark: 256 * 1024 });
  return { stream, bytesRead: () => stream.bytesRead };
}

/**
 * Whether the file starts as UTF-8. Excel in China saves "CSV" as GB18030 (GBK) unless told "CSV UTF-8"; both are
 * accepted, told apart by whether the first 64 KiB decode as UTF-8.
 */
function isUtf8(filePath: string): boolean {
  const fd = fs.openSync(filePath, 'r');
  try {
    const head = Buffer.alloc(64 * 1024);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, n), { stream: n === head.length });
    return true;
  } catch {
    return false;
  } finally {
    fs.closeSync(fd);
  }
}

function csvSource(filePath: string): RowSource {
  const { stream, bytesRead } = countingStream(filePath);
  // The decoder drops a UTF-8 BOM.
  const decoder = new TextDecoder(isUtf8(filePath) ? 'utf-8' : 'gb18030');
  async function* batches(): AsyncGenerator<SheetRow[]> {
    let carried = '';
    let batch: SheetRow[] = [];
    let rowNo = 0;
    const take = (cells: string[]) => batch.push({ rowNo: ++rowNo, cells });
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const text = carried + decoder.decode(chunk, { stream: true });
      carried = text.slice(tokenizeCsv(text, false, take));
      if (carried.length > MAX_RECORD_CHARS) {
        throw new CsvSyntaxError(`a record after row ${rowNo} is longer than ${MAX_RECORD_CHARS} characters`);
      }
      // A chunk holds about a thousand rows: handed on as they come, batches stay near BATCH.
      if (batch.length >= BATCH) {
        yield batch;
        batch = [];
      }
    }
    tokenizeCsv(carried + decoder.decode(), true, take);
    if (batch.length > 0) yield batch;
  }
  return { batches: batches(), bytesRead };
}

type ExcelCell = CellValue;

/** A cell as the intake reads it: rich text, formulas and links become what they show. */
function plainCell(value: ExcelCell): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || value instanceof Date) return value as Cell;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('result' in value) return plainCell(value.result as ExcelCell);
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('error' in value) return null;
  return null;
}

function xlsxSource(filePath: string): RowSource {
  const { stream, bytesRead } = countingStream(filePath);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  async function* batches(): AsyncGenerator<SheetRow[]> {
    let first = true;
    for await (const worksheet of reader) {
      // The data sheet comes first (the template's 说明 sheet follows it); later sheets are left unread.
      if (!first) continue;
      first = false;
      let batch: SheetRow[] = [];
      for await (const row of worksheet as AsyncIterable<Row>) {
        const values = row.values as ExcelCell[];
        const cells: Cell[] = new Array(Math.max(values.length - 1, 0));
        for (let i = 1; i < values.length; i++) cells[i - 1] = plainCell(values[i]);
        batch.push({ rowNo: row.number, cells });
        if (batch.length === BATCH) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    }
  }
  return { batches: batches(), bytesRead };
}

/** A file that cannot be parsed at all; the pipeline turns it into the job's message. */
export class UnreadableFile extends Error {
  constructor(
    readonly format: FileFormat,
    readonly reason: unknown,
  ) {
    super(`unreadable ${format} file`);
  }
}

async function* guarded(format: FileFormat, batches: AsyncIterable<SheetRow[]>): AsyncGenerator<SheetRow[]> {
  try {
    yield* batches;
  } catch (error) {
    throw new UnreadableFile(format, error);
  }
}

export function openRows(filePath: string, format: FileFormat): RowSource {
  const source = format === 'csv' ? csvSource(filePath) : xlsxSource(filePath);
  return { batches: guarded(format, source.batches), bytesRead: source.bytesRead };
}
