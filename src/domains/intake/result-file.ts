// The result file of a rejected upload: the bad rows only (at most MAX_REPORTED_ROWS), each with its row number in
// the uploaded file and its reasons in Chinese. It is kept with the job, so ID numbers in it are masked: the clerk
// finds the row by its number in their own file.
import ExcelJS from './excel.ts';
import { maskIdNumber } from '../../shared/id-number.ts';
import { cellText } from './columns.ts';
import type { IntakeKind } from './kind.ts';
import { mapHeader, type IntakeOutcome } from './pipeline.ts';
import { openRows } from './reader.ts';
import type { FileFormat } from './tables.ts';

export const ROW_NUMBER_HEADER = '行号';
export const REASON_HEADER = '错误原因';

export async function writeResultFile(
  kind: IntakeKind,
  filePath: string,
  format: FileFormat,
  outcome: Pick<IntakeOutcome, 'status' | 'rowsRead' | 'rowsBad' | 'problems'>,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('错误行', { views: [{ state: 'frozen', ySplit: 1 }] });
  const summary = workbook.addWorksheet('结果');
  sheet.columns = [
    { header: ROW_NUMBER_HEADER, key: '#row', width: 8 },
    ...kind.columns.map((column) => ({
      header: column.header,
      key: column.key,
      width: Math.max(12, column.header.length * 2 + 4),
    })),
    { header: REASON_HEADER, key: '#reason', width: 60 },
  ];
  sheet.getRow(1).font = { bold: true };

  if (outcome.problems.size > 0) {
    const source = openRows(filePath, format);
    let positions: (number | undefined)[] | undefined;
    for await (const batch of source.batches) {
      for (const { rowNo, cells } of batch) {
        if (positions === undefined) {
          positions = mapHeader(kind.columns, cells);
          continue;
        }
        const reasons = outcome.problems.get(rowNo);
        if (!reasons) continue;
        const row: Record<string, unknown> = { '#row': rowNo, '#reason': reasons.join('；') };
        kind.columns.forEach((column, i) => {
          const position = positions![i];
          const text = position === undefined ? null : cellText(cells[position]);
          row[column.key] = text !== null && column.type === 'idNumber' ? maskIdNumber(text) : text;
        });
        sheet.addRow(row).getCell('#reason').font = { color: { argb: 'FFC00000' } };
      }
    }
  }

  summary.columns = [
    { header: '项目', key: 'item', width: 16 },
    { header: '结果', key: 'value', width: 80 },
  ];
  summary.addRows([
    { item: '导入内容', value: kind.title },
    { item: '读取行数', value: outcome.rowsRead },
    { item: '有误行数', value: outcome.rowsBad },
    {
      item: '处理结果',
      value:
        outcome.status === 'done'
          ? '全部通过校验，已导入'
          : '有误，整个文件均未导入；请按「错误行」中的原因改正后重新上传整个文件',
    },
    ...(outcome.rowsBad > outcome.problems.size
      ? [{ item: '说明', value: `有误的行较多，只列出前${outcome.problems.size}行` }]
      : []),
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
