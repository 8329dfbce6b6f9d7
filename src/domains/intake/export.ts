// Streaming xlsx exports: rows are written to the response as they are read, page by page, so a list of 100,000
// people never sits in memory; the read, the count and the audit entry share one transaction.
import { PassThrough } from 'node:stream';
import ExcelJS from './excel.ts';
import type { FastifyReply } from 'fastify';
import { inTransaction, type Db, type Tx } from '../../db/database.ts';
import { recordAudit, type Actor, type AuditEvent } from '../audit/record.ts';
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
