import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nextPrefix } from './queries.ts';

describe('a region subtree as a range of codes', () => {
  it('ends just before the next sibling prefix, carrying over nines', () => {
    assert.equal(nextPrefix('3406'), '3407');
    assert.equal(nextPrefix('340609'), '340610');
    assert.equal(nextPrefix('3499'), '3500');
    assert.equal(nextPrefix('0599'), '0600');
  });

  it('has no upper end for all nines, so no code is cut off', () => {
    assert.equal(nextPrefix('99'), null);
  });

  it('every code of the subtree lies inside the range and its neighbours outside', () => {
    const prefix = '340603';
    const next = nextPrefix(prefix)!;
    for (const code of ['340603', '340603001', '340603999999'])
      assert.ok(code >= prefix && code < next, code);
    for (const code of ['340602999', '340604', '3407']) assert.ok(!(code >= prefix && code < next), code);
  });
});
