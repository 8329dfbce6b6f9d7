import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeCursor, encodeCursor, escapeLike, subtreeRange } from './queries.ts';

describe('people list queries', () => {
  it('writes a subtree as a range holding exactly the codes that start with it', () => {
    const codes = [
      '34',
      '3405',
      '3406',
      '340602',
      '340603',
      '340603001',
      '340603001001',
      '3407',
      '35',
      '340699',
    ];
    for (const root of ['34', '3406', '340603', '340603001']) {
      const [from, to] = subtreeRange(root);
      for (const code of codes) {
        assert.equal(code >= from && code < to, code.startsWith(root), `${code} under ${root}`);
      }
    }
  });

  it('round-trips a keyset cursor and refuses anything else', () => {
    assert.deepEqual(decodeCursor(encodeCursor({ region_code: '340603001001', id: 42 })), {
      regionCode: '340603001001',
      id: 42,
    });
    assert.equal(decodeCursor('340603:'), null);
    assert.equal(decodeCursor('x:1'), null);
  });

  it('escapes LIKE wildcards in a searched name', () => {
    assert.equal(escapeLike('王_%\\'), '王\\_\\%\\\\');
  });
});
