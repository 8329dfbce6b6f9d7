import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import ExcelJS from './excel.ts';
import { openRows } from './reader.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'intake-reader-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const ROWS = 20_000;
const text = (i: number) => `与家人同住${'张王李赵刘陈'[i % 6]}${i}号`;

async function readAll(file: string, format: 'csv' | 'xlsx') {
  const rows: unknown[][] = [];
  for await (const batch of openRows(file, format).batches) for (const row of batch) rows.push(row.cells);
  return rows;
}

describe('reading uploaded files', () => {
  for (const useSharedStrings of [false, true]) {
    it(`keeps Chinese text whole across the reader's chunks (xlsx, ${useSharedStrings ? 'shared' : 'inline'} strings)`, async () => {
      // Thousands of 3-byte characters: some must straddle a chunk boundary of the unzipped sheet.
      const file = path.join(dir, `chinese-${useSharedStrings}.xlsx`);
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings });
      const sheet = workbook.addWorksheet('数据');
      sheet.addRow(['文字', '数']).commit();
      for (let i = 0; i < ROWS; i++) sheet.addRow([text(i), i]).commit();
      sheet.commit();
      await workbook.commit();
      const rows = await readAll(file, 'xlsx');
      assert.equal(rows.length, ROWS + 1);
      const broken = rows.slice(1).filter((row, i) => row[0] !== text(i) || row[1] !== i);
      assert.deepEqual(broken.slice(0, 3), [], `${broken.length} rows came back altered`);
    });
  }

  it('reads CSV with quotes, embedded commas and newlines, and a BOM', async () => {
    const file = path.join(dir, 'quoted.csv');
    fs.writeFileSync(file, '\ufeff姓名,地址\r\n张三,"幸福路1号,""东""门\n二楼"\r\n');
    assert.deepEqual(await readAll(file, 'csv'), [
      ['姓名', '地址'],
      ['张三', '幸福路1号,"东"门\n二楼'],
    ]);
  });
});
