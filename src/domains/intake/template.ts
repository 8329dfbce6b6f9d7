// The downloadable template of an intake kind: the data sheet a clerk fills in (ID-like columns formatted as text so
// Excel keeps every digit, dropdowns for enumerations), a 说明 sheet in Chinese and a hidden sheet of dropdown lists.
import type { DataValidation, Worksheet } from 'exceljs';
import ExcelJS from './excel.ts';
import { describeColumn, type Column } from './columns.ts';
import type { IntakeKind } from './kind.ts';
import { MAX_REPORTED_ROWS } from './pipeline.ts';

/** Rows the dropdowns and text formats are laid over; a longer file still uploads, Excel just stops offering lists. */
export const TEMPLATE_ROWS = 10_000;
export const INSTRUCTIONS_SHEET = '说明';
const OPTIONS_SHEET = '选项';
const TEXT_TYPES: ReadonlySet<Column['type']> = new Set(['idNumber', 'uscc', 'regionCode', 'text']);

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export function generalInstructions(kind: IntakeKind): string[] {
  return [
    `本模板用于批量导入「${kind.title}」。请在「${kind.sheetName}」工作表中从第2行起每行填写一条，不要修改第1行表头。`,
    '红色表头为必填列。身份证号码、统一社会信用代码、区划代码等列已设为文本格式，请勿改为数字格式，否则末几位会丢失。',
    '带下拉列表的列请从列表中选择；日期请按 2024-01-31 的格式填写。',
    '也可以上传 CSV 文件（UTF-8 或 GBK 编码），第一行为同样的表头。',
    '上传后系统逐行校验：只要有一行有误，整个文件都不会导入；请下载结果文件，按「错误原因」改正后重新上传整个文件。',
    `结果文件只列出有误的行（最多${MAX_REPORTED_ROWS}行），身份证号码显示为脱敏号码，按「行号」对照原文件修改。`,
    '同一文件重复上传不会重复登记：已登记的记录按表中内容更新，内容相同的不作改动。',
  ];
}

/** exceljs writes range validations but its typings do not declare them. */
function validations(sheet: Worksheet): {
  add(range: string, validation: DataValidation): void;
} {
  return (sheet as unknown as { dataValidations: ReturnType<typeof validations> }).dataValidations;
}

export async function writeTemplate(kind: IntakeKind): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'laoyou';
  const sheet = workbook.addWorksheet(kind.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  const instructions = workbook.addWorksheet(INSTRUCTIONS_SHEET);
  const options = workbook.addWorksheet(OPTIONS_SHEET, { state: 'hidden' });

  sheet.columns = kind.columns.map((column) => ({
    header: column.header,
    key: column.key,
    width: Math.max(12, column.header.length * 2 + 4, column.type === 'idNumber' ? 22 : 0),
    ...(TEXT_TYPES.has(column.type) && { style: { numFmt: '@' } }),
  }));
  const header = sheet.getRow(1);
  kind.columns.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    cell.font = { bold: true, color: { argb: column.required ? 'FFC00000' : 'FF000000' } };
    cell.note = `${column.required ? '必填' : '选填'}：${describeColumn(column)}${column.note ? `。${column.note}` : ''}`;
  });

  let listColumn = 0;
  kind.columns.forEach((column, index) => {
    if (column.type !== 'enum') return;
    const letter = columnLetter(listColumn++);
    options.getCell(`${letter}1`).value = column.header;
    column.options.forEach((option, i) => (options.getCell(`${letter}${i + 2}`).value = option.label));
    const target = columnLetter(index);
    validations(sheet).add(`${target}2:${target}${TEMPLATE_ROWS + 1}`, {
      type: 'list',
      allowBlank: !column.required,
      formulae: [`'${OPTIONS_SHEET}'!$${letter}$2:$${letter}$${column.options.length + 1}`],
      showErrorMessage: true,
      errorTitle: column.header,
      error: `请从下拉列表中选择${column.header}`,
    });
  });

  instructions.columns = [
    { header: '项目', key: 'item', width: 20 },
    { header: '说明', key: 'text', width: 100 },
  ];
  instructions.getRow(1).font = { bold: true };
  generalInstructions(kind).forEach((text, i) => instructions.addRow({ item: `须知${i + 1}`, text }));
  kind.instructions.forEach((text) => instructions.addRow({ item: kind.title, text }));
  for (const column of kind.columns) {
    instructions.addRow({
      item: column.header,
      text: `${column.required ? '必填' : '选填'}。${describeColumn(column)}${column.note ? `。${column.note}` : ''}`,
    });
  }
  instructions.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
