import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CsvSyntaxError, tokenizeCsv } from './csv-tokenizer.ts';

function whole(text: string): string[][] {
  const rows: string[][] = [];
  assert.equal(
    tokenizeCsv(text, true, (cells) => rows.push(cells)),
    text.length,
  );
  return rows;
}

/** The records of `text` read in two pieces split at `at`, as a file arrives in chunks. */
function split(text: string, at: number): string[][] {
  const rows: string[][] = [];
  const head = text.slice(0, at);
  const carried = head.slice(tokenizeCsv(head, false, (cells) => rows.push(cells)));
  tokenizeCsv(carried + text.slice(at), true, (cells) => rows.push(cells));
  return rows;
}

const TRICKY =
  '姓名,地址,备注\r\n' +
  '张三,"幸福路1号,""东""门\n二楼",\r\n' +
  '\r\n' +
  '李四,"",a"b\n' +
  '王五,"x"y,"\r\n"\r' +
  ',,\n' +
  '"末行"';

describe('CSV tokenizer', () => {
  it('reads quotes, doubled quotes, embedded commas and line breaks, CRLF, LF and CR, and skips empty lines', () => {
    assert.deepEqual(whole(TRICKY), [
      ['姓名', '地址', '备注'],
      ['张三', '幸福路1号,"东"门\n二楼', ''],
      ['李四', '', 'a"b'],
      ['王五', 'xy', '\r\n'],
      ['', '', ''],
      ['末行'],
    ]);
  });

  it('gives the same records wherever the file is split into chunks', () => {
    const expected = whole(TRICKY);
    for (let at = 0; at <= TRICKY.length; at++)
      assert.deepEqual(split(TRICKY, at), expected, `split at ${at}`);
  });

  it('keeps a record whose line ends without a final line break, and a trailing empty field', () => {
    assert.deepEqual(whole('a,b\nc,'), [
      ['a', 'b'],
      ['c', ''],
    ]);
  });

  it('refuses a quoted field that is never closed', () => {
    assert.throws(() => whole('a,"b\nc,d\n'), CsvSyntaxError);
  });
});
