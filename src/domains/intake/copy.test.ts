import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { copyField, CopyText } from './copy.ts';
import type { StagedValue } from './kind.ts';
import { SealedBatch, SealedBytes } from './sealed-bytes.ts';

describe('COPY text written straight into buffers', () => {
  it('writes every kind of field as copyField does, row after row across pieces', () => {
    const batch = new SealedBatch();
    batch.buffer = Buffer.from([0, 1, 2, 0xab, 0xcd, 0xef, 255]);
    const rows: StagedValue[][] = [];
    for (let i = 0; i < 5000; i++) {
      rows.push([
        i + 2,
        `张${'秀英'.repeat(i % 40)}\t第${i}号\\\n二楼\r`,
        null,
        i % 2 === 0,
        Buffer.from([i & 255, 0, 16]),
        new SealedBytes(batch, i % 4, 3),
        '2025-06-01',
      ]);
    }
    const text = new CopyText();
    let cuts = 0;
    for (const row of rows) if (text.row(row)) cuts++;
    assert.ok(cuts > 0, 'the rows fill more than one piece');
    assert.equal(text.rows, rows.length);
    const written = Buffer.concat(text.take(true)).toString('utf8');
    const expected = rows.map((row) => row.map(copyField).join('\t') + '\n').join('');
    assert.equal(written, expected);
    assert.match(expected, /\t\\\\x0102ab\t/, 'a sealed range is its bytes in hex');
  });
});
