import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSeedCsv, readSeedRows, VISIT_RATE_WORDING, withVisitRate } from './seed.ts';

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

/** Issue 5: the monthly visit rate is evaluated against every plan, also where its table leaves the rate out. */
describe('the monthly visit rate in every plan', () => {
  it('adds the rate, 100% by 2025, to a plan whose table lacks it, saying where the target comes from', () => {
    const rows = parseSeedCsv(`${HEADER}\n${line('')}\n`);
    const [beds, rate] = withVisitRate(rows);
    assert.equal(beds, rows[0]);
    assert.equal(rate.plan, 'p.txt');
    assert.equal(rate.regionCode, '4110');
    assert.equal(rate.wording, VISIT_RATE_WORDING);
    assert.deepEqual([rate.target, rate.targetYear, rate.comparator, rate.unit], [100, 2025, '>=', '%']);
    assert.match(rate.note ?? '', /民政部/);
  });

  it("keeps a plan's own visit-rate row and adds no second one", () => {
    const own = line('').replace('养老机构床位数,张,2020,24285', `${VISIT_RATE_WORDING},%,2020,90`);
    const rows = withVisitRate(parseSeedCsv(`${HEADER}\n${own}\n`));
    assert.equal(rows.length, 1);
    assert.equal(rows[0].baseline, 90);
  });

  it('gives each of the five seed plans exactly one visit-rate indicator; 舟山 cites its own text', () => {
    const rates = readSeedRows().filter((row) => row.wording === VISIT_RATE_WORDING);
    assert.equal(rates.length, 5);
    assert.equal(new Set(rates.map((row) => row.plan)).size, 5);
    const zhoushan = rates.find((row) => row.regionCode === '3309')!;
    assert.match(zhoushan.note ?? '', /月探访率达到100%/);
  });
});
