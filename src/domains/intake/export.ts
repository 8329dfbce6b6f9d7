// Streaming xlsx exports: rows are written to the response as they are read, page by page, so a list of 100,000
// people never sits in memory; the read, the count and the audit entry share one transaction. Every export's sheet
// goes through sendXlsx, and the pieces the sheets share (template headers and labels, paging, the organisations
// beside each row) are here.
import { PassThrough } from 'node:stream';
import ExcelJS from './excel.ts';
import type { FastifyReply } from 'fastify';
import { inTransaction, type Db, type Tx } from '../../db/database.ts';
import { recordAudit, type Actor, type AuditEvent } from '../audit/record.ts';
import { IdParams } from '../providers/schemas.ts';
import type { Column } from './columns.ts';
import { XLSX_TYPE } from './template.ts';

export interface ExportColumn {
  key: string;
  header: string;
  width?: number;
}

export interface ExportSheet {
  sheetName: string;
  fileName: string;
  columns: readonly ExportColumn[];
  /** Writes every row through `add` and answers the audit entry, which then records the row count. */
  fill(tx: Tx, add: (row: Record<string, unknown>) => void): Promise<Omit<AuditEvent, 'action'>>;
}

/** A record id in an export's filters, as the record routes take it in their path. */
export const RecordId = IdParams.shape.id;

/**
 * Export columns with the intake template's headers (those of `keys` only, when given, in the template's order), so a
 * full export reads back as an upload of the same kind.
 */
export function columnsOf(columns: readonly Column[], keys?: readonly string[]): ExportColumn[] {
  return columns
    .filter((column) => keys === undefined || keys.includes(column.key))
    .map((column) => ({ key: column.key, header: column.header }));
}

/** A template's enumerations as cells: a column's value by the label a clerk types in the template (blank as null). */
export function labeller(columns: readonly Column[]) {
  const labels = new Map<string, Map<string, string>>();
  for (const column of columns) {
    if (column.type === 'enum')
      labels.set(column.key, new Map(column.options.map((o) => [o.value, o.label])));
  }
  return (key: string, value: string | number | boolean | null | undefined) =>
    value === null || value === undefined ? null : (labels.get(key)?.get(String(value)) ?? value);
}

/**
 * Reads an export's rows page by page, each page after the cursor of the one before's last row (keyset), until a
 * short page; each page that has rows goes to `take`.
 */
export async function pageByPage<R, C>(
  size: number,
  read: (after: C | undefined) => Promise<R[]>,
  cursorOf: (row: R) => C,
  take: (rows: R[]) => Promise<void> | void,
): Promise<void> {
  let after: C | undefined;
  for (;;) {
    const rows = await read(after);
    if (rows.length > 0) await take(rows);
    if (rows.length < size) return;
    after = cursorOf(rows[rows.length - 1]);
  }
}

/** pageByPage by ascending id: `read` answers the rows after an id (0 before the first page). */
export function pageById<R extends { id: number }>(
  size: number,
  read: (after: number) => Promise<R[]>,
  take: (rows: R[]) => Promise<void> | void,
): Promise<void> {
  return pageByPage(
    size,
    (after: number | undefined) => read(after ?? 0),
    (row) => row.id,
    take,
  );
}

/** The organisations (id, USCC, name) of a page's rows, by id, to name beside each row. */
export async function organisationsOf(tx: Tx, rows: readonly { organisation_id: number }[]) {
  const ids = [...new Set(rows.map((row) => row.organisation_id))];
  const organisations =
    ids.length === 0
      ? []
      : await tx.selectFrom('organisation').select(['id', 'uscc', 'name']).where('id', 'in', ids).execute();
  return new Map(organisations.map((o) => [o.id, o]));
}

/** A Content-Disposition naming a download, Chinese names included. */
export function attachment(name: string): string {
  return `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Sends the sheet as the reply. The workbook is only completed after the transaction that recorded the export has
 * committed: if anything fails, the response is cut off and the client is left with no usable file.
 */
export function sendXlsx(reply: FastifyReply, db: Db, actor: Actor, sheet: ExportSheet): FastifyReply {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: false,
    useStyles: true,
  });
  const worksheet = workbook.addWorksheet(sheet.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  worksheet.columns = sheet.columns.map((column) => ({
    header: column.header,
    key: column.key,
    width: column.width ?? Math.max(12, column.header.length * 2 + 4),
  }));
  worksheet.getRow(1).font = { bold: true };
  void (async () => {
    try {
      await inTransaction(db, async (tx) => {
        let rows = 0;
        const event = await sheet.fill(tx, (row) => {
          worksheet.addRow(row).commit();
          rows++;
        });
        await recordAudit(tx, actor, { ...event, action: 'export', detail: { ...event.detail, rows } });
      });
      worksheet.commit();
      await workbook.commit();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return reply.type(XLSX_TYPE).header('content-disposition', attachment(sheet.fileName)).send(out);
}
