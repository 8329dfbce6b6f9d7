import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSeedCsv } from './seed.ts';

const HEADER =
  'plan,region_code,region,domain,indicator,unit,baseline_year,baseline,mid_year,mid,target_year,target,comparator,nature,responsible';
const line = (responsible: string, ...extra: string[]) =>
  [
    'p.txt,411000,许昌市,elderly,养老机构床位数,张,2020,24285,,,2025,32662,>=,约束性',
    responsible,
    ...extra,
  ].join(',');

/** The seed's responsible column: a department stays one, a compiler's remark there becomes the indicator's note. */
describe('seed indicator rows', () => {
  it('keeps a department written in Chinese as the responsible department', () => {
    const [row] = parseSeedCsv(`${HEADER}\n${line('县卫生健康委')}\n`);
    assert.equal(row.responsible, '县卫生健康委');
    assert.equal(row.note, null);
    assert.equal(row.regionCode, '4110');
  });

  it('reads a remark in the responsible column as the note, beside any note after it', () => {
    const [remark, both, empty] = parseSeedCsv(
      [
        HEADER,
        line('gap 8377 stated in the plan; text also says 3.3万张左右'),
        line('text: 养老床位突破10000张', 'see annex'),
        line(''),
      ].join('\n'),
    );
    assert.equal(remark.responsible, null);
    assert.equal(remark.note, 'gap 8377 stated in the plan; text also says 3.3万张左右');
    assert.equal(both.responsible, null);
    assert.equal(both.note, 'text: 养老床位突破10000张; see annex');
    assert.equal(empty.responsible, null);
    assert.equal(empty.note, null);
  });
});
