// The cells of an uploaded sheet and how each column type reads them. Spreadsheets hand us strings, numbers, dates
// and rich text depending on how a clerk typed a value, so every reader accepts all of these and answers with a value
// or one reason in Chinese naming the column.
import { parseIdNumber, type IdNumberProblem } from '../../shared/id-number.ts';
import { parseUscc } from '../../shared/uscc.ts';

/** A cell as a CSV or xlsx reader yields it. */
export type Cell = string | number | boolean | Date | null | undefined;

export interface EnumOption {
  value: string;
  /** What the template's dropdown shows and what a clerk types. */
  label: string;
}

export type ColumnSpec =
  | { type: 'text'; maxLength: number }
  | { type: 'idNumber' }
  | { type: 'uscc' }
  | { type: 'regionCode' }
  | { type: 'date' }
  | { type: 'enum'; options: readonly EnumOption[] }
  | { type: 'int'; min: number; max: number }
  | { type: 'decimal'; min: number; max: number; scale: number };

export type Column = ColumnSpec & {
  key: string;
  /** The header in the template and the name reasons use. */
  header: string;
  required: boolean;
  /** What the 说明 sheet says about the column, beyond its type. */
  note?: string;
};

export type CellValue = string | number | null;
export type CellResult = { ok: true; value: CellValue } | { ok: false; reason: string };

const ID_PROBLEMS: Record<IdNumberProblem, string> = {
  format: '应为18位，前17位为数字，末位为数字或X',
  check_digit: '校验位不正确，请核对号码',
  birth_date: '中的出生日期不存在',
  address_code: '的地址码不正确',
};

const EMPTY: CellResult = { ok: true, value: null };

/** The text a cell shows, or null when it is blank. */
export function cellText(cell: Cell): string | null {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'string') {
    const trimmed = cell.trim();
    return trimmed === '' ? null : trimmed;
  }
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : null;
  if (typeof cell === 'boolean') return cell ? '是' : '否';
  return isoDate(cell);
}

function isoDate(date: Date): string | null {
  // Spreadsheet dates carry no zone: exceljs gives midnight UTC of the typed day, so the UTC fields are the day.
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
}

// Excel counts days from 1899-12-30 (its phantom 1900-02-29 included); 25569 is 1970-01-01.
const EXCEL_EPOCH_OFFSET = 25569;
const DAY_MS = 86_400_000;

function calendarDate(y: number, m: number, d: number): string | null {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return null;
  if (d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const DATE_FORMS = [
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/,
  /^(\d{4})(\d{2})(\d{2})$/,
];

/** A date from the forms clerks type (2024-01-31, 2024/1/31, 2024年1月31日, 20240131) or an Excel date. */
export function parseDate(cell: Cell): string | null {
  if (cell instanceof Date) return isoDate(cell);
  if (typeof cell === 'number') {
    // 20240131 typed into a number cell is a date too; a serial with a fraction carries a time of day.
    if (Number.isInteger(cell) && cell >= 10_000_000 && cell <= 99_991_231) return parseDate(String(cell));
    if (!(cell >= 1 && cell <= 2_958_465)) return null;
    return new Date((Math.floor(cell) - EXCEL_EPOCH_OFFSET) * DAY_MS).toISOString().slice(0, 10);
  }
  const text = cellText(cell);
  if (text === null) return null;
  for (const form of DATE_FORMS) {
    const m = form.exec(text);
    if (m) return calendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
  }
  return null;
}

function enumLookup(options: readonly EnumOption[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const option of options) {
    map.set(option.label, option.value);
    map.set(option.value.toLowerCase(), option.value);
  }
  return map;
}

const lookups = new WeakMap<readonly EnumOption[], Map<string, string>>();

/** Reads one cell of a column: its value (null when blank) or why it cannot be read; `today` as in parseIdNumber. */
export function readCell(column: Column, cell: Cell, today: Date | string): CellResult {
  const text = column.type === 'date' ? null : cellText(cell);
  if (column.type !== 'date' && text === null) {
    return column.required ? { ok: false, reason: `「${column.header}」不能为空` } : EMPTY;
  }
  switch (column.type) {
    case 'text':
      return text!.length > column.maxLength
        ? { ok: false, reason: `「${column.header}」不能超过${column.maxLength}个字` }
        : { ok: true, value: text };
    case 'idNumber': {
      if (typeof cell === 'number') {
        return {
          ok: false,
          reason: `「${column.header}」被存成了数字，末几位已丢失：请把该列设为文本格式后重新填写`,
        };
      }
      const parsed = parseIdNumber(text!, today);
      return parsed.ok
        ? { ok: true, value: parsed.value }
        : { ok: false, reason: `「${column.header}」${ID_PROBLEMS[parsed.problem]}` };
    }
    case 'uscc': {
      const parsed = parseUscc(text!);
      if (parsed.ok) return { ok: true, value: parsed.value };
      return {
        ok: false,
        reason:
          parsed.problem === 'format'
            ? `「${column.header}」应为18位数字或大写字母（不含I、O、S、V、Z）`
            : `「${column.header}」校验位不正确，请核对代码`,
      };
    }
    case 'regionCode':
      return /^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/.test(text!)
        ? { ok: true, value: text }
        : { ok: false, reason: `「${column.header}」格式不正确，应为6、9或12位数字` };
    case 'date': {
      if (cellText(cell) === null) {
        return column.required ? { ok: false, reason: `「${column.header}」不能为空` } : EMPTY;
      }
      const date = parseDate(cell);
      return date === null
        ? { ok: false, reason: `「${column.header}」不是有效日期，请按 2024-01-31 的格式填写` }
        : { ok: true, value: date };
    }
    case 'enum': {
      let lookup = lookups.get(column.options);
      if (!lookup) lookups.set(column.options, (lookup = enumLookup(column.options)));
      const value = lookup.get(text!) ?? lookup.get(text!.toLowerCase());
      return value === undefined
        ? {
            ok: false,
            reason: `「${column.header}」应为以下之一：${column.options.map((o) => o.label).join('、')}`,
          }
        : { ok: true, value };
    }
    case 'int': {
      const digits = text!.replace(/,/g, '');
      const n = /^-?\d+$/.test(digits) ? Number(digits) : Number.NaN;
      return Number.isSafeInteger(n) && n >= column.min && n <= column.max
        ? { ok: true, value: n }
        : { ok: false, reason: `「${column.header}」应为${column.min}–${column.max}的整数` };
    }
    case 'decimal': {
      const digits = text!.replace(/,/g, '');
      const n = /^-?\d+(\.\d+)?$/.test(digits) ? Number(digits) : Number.NaN;
      if (!Number.isFinite(n) || n < column.min || n > column.max) {
        return { ok: false, reason: `「${column.header}」应为${column.min}–${column.max}之间的数` };
      }
      const factor = 10 ** column.scale;
      return { ok: true, value: Math.round(n * factor) / factor };
    }
  }
}

/** What the 说明 sheet says a column takes. */
export function describeColumn(column: Column): string {
  switch (column.type) {
    case 'text':
      return `文字，最多${column.maxLength}个字`;
    case 'idNumber':
      return '18位居民身份证号码（文本格式，末位X大写）';
    case 'uscc':
      return '18位统一社会信用代码';
    case 'regionCode':
      return '行政区划代码（区县6位、乡镇街道9位、村居12位）';
    case 'date':
      return '日期，如 2024-01-31';
    case 'enum':
      return `从下拉列表选择：${column.options.map((o) => o.label).join('、')}`;
    case 'int':
      return `整数，${column.min}–${column.max}`;
    case 'decimal':
      return `数字，最多${column.scale}位小数`;
  }
}
