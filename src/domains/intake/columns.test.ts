import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeIdNumber } from '../../shared/id-number.ts';
import { makeUscc } from '../../shared/uscc.ts';
import { parseDate, readCell, type Column } from './columns.ts';
import { copyField } from './copy.ts';
import { personRowProblems } from './kinds/people.ts';
import { FileProblem, headerKey, mapHeader } from './pipeline.ts';

const TODAY = new Date('2026-01-15T04:00:00Z');
const col = (spec: Partial<Column> & Pick<Column, 'type'>): Column =>
  ({ key: 'k', header: '列', required: false, ...spec }) as Column;

describe('reading cells', () => {
  it('reads the date forms clerks type and Excel serials, and refuses impossible days', () => {
    for (const form of [
      '2024-01-31',
      '2024/1/31',
      '2024.01.31',
      '2024年1月31日',
      '20240131',
      20240131,
      45322,
    ]) {
      assert.equal(parseDate(form), '2024-01-31', String(form));
    }
    assert.equal(parseDate(new Date(Date.UTC(2024, 0, 31))), '2024-01-31');
    assert.equal(parseDate(45322.75), '2024-01-31', 'a time of day is dropped');
    for (const bad of ['2023-02-29', '2024-13-01', '31/01/2024', 'yesterday', -5])
      assert.equal(parseDate(bad), null);
  });

  it('names the column and the problem in Chinese', () => {
    const date = readCell(col({ type: 'date', header: '出生日期' }), '1950-02-30', TODAY);
    assert.deepEqual(date, { ok: false, reason: '「出生日期」不是有效日期，请按 2024-01-31 的格式填写' });
    assert.deepEqual(
      readCell(col({ type: 'text', maxLength: 3, header: '姓名', required: true }), '  ', TODAY),
      {
        ok: false,
        reason: '「姓名」不能为空',
      },
    );
    assert.match(
      (readCell(col({ type: 'text', maxLength: 3, header: '姓名' }), '四个字的', TODAY) as { reason: string })
        .reason,
      /不能超过3个字/,
    );
    assert.deepEqual(readCell(col({ type: 'int', min: 0, max: 9 }), '1,0', TODAY).ok, false);
    assert.deepEqual(readCell(col({ type: 'int', min: 0, max: 99 }), '1,0', TODAY), { ok: true, value: 10 });
    assert.deepEqual(readCell(col({ type: 'decimal', min: 0, max: 200, scale: 1 }), '116.76', TODAY), {
      ok: true,
      value: 116.8,
    });
  });

  it('checks ID numbers and credit codes by their check characters, and spots digits Excel rounded', () => {
    const id = makeIdNumber('340603', '1940-03-05', 7);
    const idColumn = col({ type: 'idNumber', header: '身份证号码' });
    assert.deepEqual(readCell(idColumn, id.toLowerCase(), TODAY), { ok: true, value: id });
    const wrong = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
    assert.match((readCell(idColumn, wrong, TODAY) as { reason: string }).reason, /校验位不正确/);
    assert.match(
      (readCell(idColumn, Number(id.slice(0, 17)), TODAY) as { reason: string }).reason,
      /存成了数字/,
    );
    const uscc = makeUscc('91340603MA2T12345');
    const usccColumn = col({ type: 'uscc', header: '统一社会信用代码' });
    assert.deepEqual(readCell(usccColumn, uscc, TODAY), { ok: true, value: uscc });
    assert.match(
      (readCell(usccColumn, uscc.slice(0, 17) + (uscc[17] === '0' ? '1' : '0'), TODAY) as { reason: string })
        .reason,
      /校验位不正确/,
    );
    assert.match((readCell(usccColumn, 'I1234567890123456X', TODAY) as { reason: string }).reason, /18位/);
  });

  it('takes an enumeration by its label or its code, and lists the labels when neither matches', () => {
    const column = col({
      type: 'enum',
      header: '性别',
      options: [
        { value: 'male', label: '男' },
        { value: 'female', label: '女' },
      ],
    });
    assert.deepEqual(readCell(column, '女', TODAY), { ok: true, value: 'female' });
    assert.deepEqual(readCell(column, 'MALE', TODAY), { ok: true, value: 'male' });
    assert.deepEqual(readCell(column, '未知', TODAY), { ok: false, reason: '「性别」应为以下之一：男、女' });
  });
});

describe('file headers', () => {
  const columns = [
    col({ key: 'name', header: '姓名', type: 'text', maxLength: 9, required: true }),
    col({ key: 'note', header: '备注', type: 'text', maxLength: 9 }),
  ];
  it('finds columns in any order, ignoring markers, spaces and extra columns', () => {
    assert.equal(headerKey(' *姓 名（必填）'), '姓名');
    assert.deepEqual(mapHeader(columns, ['行号', '备注', '*姓名', '错误原因']), [2, 1]);
  });
  it('fails a file missing a required column or repeating a header', () => {
    assert.throws(
      () => mapHeader(columns, ['备注']),
      (e: unknown) => e instanceof FileProblem && /缺少必填列：姓名/.test(e.zh),
    );
    assert.throws(() => mapHeader(columns, ['姓名', '姓名']), FileProblem);
  });
});

describe('COPY text fields', () => {
  it('escapes what COPY would misread and writes bytea as hex', () => {
    assert.equal(copyField(null), '\\N');
    assert.equal(copyField('a\tb\\c\nd\re'), 'a\\tb\\\\c\\nd\\re');
    assert.equal(copyField(Buffer.from([0, 255])), '\\\\x00ff');
    assert.equal(copyField(true), 't');
    assert.equal(copyField(12), '12');
  });
});

describe('person rows', () => {
  const base = {
    name: '张三',
    idNumber: null,
    sex: 'male',
    birthDate: '1950-01-01',
    regionCode: '340603001004',
    registeredRegionCode: null,
    address: null,
    livingSituation: null,
    capabilityLevel: null,
    capabilityAssessedOn: null,
  };
  it('needs sex and birth date without an ID number, and they must agree with one', () => {
    assert.deepEqual(personRowProblems(base, '2026-01-15'), []);
    assert.deepEqual(personRowProblems({ ...base, sex: null, birthDate: null }, '2026-01-15'), [
      '未填身份证号码时须填写「性别」',
      '未填身份证号码时须填写「出生日期」',
    ]);
    const id = makeIdNumber('340603', '1940-03-05', 2); // even: female
    assert.deepEqual(
      personRowProblems({ ...base, idNumber: id, sex: null, birthDate: null }, '2026-01-15'),
      [],
    );
    assert.deepEqual(personRowProblems({ ...base, idNumber: id }, '2026-01-15'), [
      '性别与身份证号码不符',
      '出生日期与身份证号码不符',
    ]);
  });
  it('refuses births after today and a capability level without its assessment date', () => {
    assert.match(personRowProblems({ ...base, birthDate: '2026-01-16' }, '2026-01-15')[0], /不能晚于今天/);
    assert.match(personRowProblems({ ...base, capabilityLevel: '2' }, '2026-01-15')[0], /须同时填写/);
  });
});
