import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import ExcelJS from './excel.ts';
import { openRows, UnreadableFile } from './reader.ts';

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

  it('reads a large CSV with CRLF, a BOM and quoted line breaks the same across the read chunks', async () => {
    // ~2 MiB: quoted fields with commas, quotes and line breaks land on every kind of chunk boundary.
    const file = path.join(dir, 'large.csv');
    const cell = (i: number) => (i % 3 === 0 ? `${text(i)},"第${i}"\r\n二楼` : text(i));
    const quote = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
    const lines = ['文字,数'];
    for (let i = 0; i < ROWS * 2; i++) lines.push(`${quote(cell(i))},${i}`);
    fs.writeFileSync(file, '\ufeff' + lines.join('\r\n') + '\r\n');
    const rows = await readAll(file, 'csv');
    assert.equal(rows.length, ROWS * 2 + 1);
    assert.deepEqual(rows[0], ['文字', '数']);
    const broken = rows.slice(1).filter((row, i) => row[0] !== cell(i) || row[1] !== String(i));
    assert.deepEqual(broken.slice(0, 3), [], `${broken.length} rows came back altered`);
  });

  it('reads GB18030 CSV as Excel saves it in China', async () => {
    const file = path.join(dir, 'gbk.csv');
    // 姓名,地址 / 张三,幸福路 in GB18030.
    fs.writeFileSync(file, Buffer.from('d0d5c3fb2cb5d8d6b70d0ad5c5c8fd2cd0d2b8a3c2b70d0a', 'hex'));
    assert.deepEqual(await readAll(file, 'csv'), [
      ['姓名', '地址'],
      ['张三', '幸福路'],
    ]);
  });

  it('reports a CSV whose quoted field never closes as unreadable', async () => {
    const file = path.join(dir, 'open-quote.csv');
    fs.writeFileSync(file, '姓名,地址\n张三,"幸福路\n');
    await assert.rejects(readAll(file, 'csv'), UnreadableFile);
  });
});
