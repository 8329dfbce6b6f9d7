import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { englishDepartment } from './report-departments.ts';
import { reportLocale, reportWords } from './report-labels.ts';
import { EN_US } from './report-text-en.ts';
import { ZH_CN } from './report-text-zh.ts';
import { readSeedRows } from './seed.ts';
import { readSeedTasks } from './tasks-seed.ts';

/** The words of the bilingual report: who is responsible, in which language, and the same labels in both. */
describe('report labels', () => {
  it('names every department of the five seed plans in English', () => {
    const names = new Set<string>();
    for (const tasks of Object.values(readSeedTasks()))
      for (const task of tasks)
        for (const name of [...task.leadDepartments, ...task.participatingDepartments]) names.add(name);
    for (const row of readSeedRows()) if (row.responsible) names.add(row.responsible);
    assert.ok(names.size > 100, `${names.size} departments`);
    assert.deepEqual(
      [...names].filter((name) => englishDepartment(name) === null),
      [],
      'a department without an English name would print in Chinese in the English report',
    );
  });

  it('reads the level and the body of a department apart, and leaves an unknown one untranslated', () => {
    assert.equal(englishDepartment('省民政厅'), 'Provincial Department of Civil Affairs');
    assert.equal(englishDepartment('市卫健委'), 'Municipal Health Commission');
    assert.equal(englishDepartment('市卫生健康委员会'), 'Municipal Health Commission');
    assert.equal(englishDepartment('县民政局'), 'County Civil Affairs Bureau');
    assert.equal(englishDepartment('市市场监督管理局'), 'Municipal Administration for Market Regulation');
    assert.equal(englishDepartment('市某某局'), null);
    const words = reportWords('en-US', {});
    assert.equal(words.departments(['市民政局', '市某某局']), 'Municipal Civil Affairs Bureau, 市某某局');
    assert.equal(reportWords('zh-CN', {}).departments(['市民政局', '市财政局']), '市民政局、市财政局');
  });

  it('takes the asked locale first, else the best of the reader’s languages it speaks, else zh-CN', () => {
    assert.equal(reportLocale('en-US', 'zh-CN'), 'en-US');
    assert.equal(reportLocale('zh-CN', 'en-US'), 'zh-CN');
    assert.equal(reportLocale(undefined, 'en-GB,en;q=0.9'), 'en-US');
    assert.equal(reportLocale(undefined, 'fr-FR,en;q=0.8,zh;q=0.9'), 'zh-CN');
    assert.equal(reportLocale(undefined, 'fr-FR,en;q=0.8'), 'en-US');
    assert.equal(reportLocale(undefined, 'en;q=0,zh-TW'), 'zh-CN');
    assert.equal(reportLocale(undefined, undefined), 'zh-CN');
    assert.equal(reportLocale(undefined, 'de'), 'zh-CN');
  });

  it('prints numbers, dates, units and indicator names the way each locale’s readers write them', () => {
    const en = reportWords('en-US', { elderly_beds: 'elderly-care beds' });
    assert.equal(en.number(8554), '8,554');
    assert.equal(en.date('2020-12-31'), 'December 31, 2020');
    assert.equal(en.unit('张'), 'beds');
    assert.equal(en.unit('%'), '%');
    assert.equal(
      en.indicator({ key: 'elderly_beds', wording: '养老床位数' }),
      'Elderly-care beds (养老床位数)',
    );
    assert.equal(en.indicator({ key: 'unknown', wording: '某指标' }), '某指标');
    const zh = reportWords('zh-CN', { elderly_beds: 'elderly-care beds' });
    assert.equal(zh.number(8554), '8554');
    assert.equal(zh.date('2020-12-31'), '2020年12月31日');
    assert.equal(zh.unit('张'), '张');
    assert.equal(zh.indicator({ key: 'elderly_beds', wording: '养老床位数' }), '养老床位数');
  });

  it('has the same labels in both locales, none left empty', () => {
    const keys = (text: object, prefix = ''): string[] =>
      Object.entries(text).flatMap(([key, value]) =>
        value && typeof value === 'object' ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
      );
    const zhKeys = keys(ZH_CN).filter((key) => !key.startsWith('units.'));
    const enKeys = keys(EN_US).filter((key) => !key.startsWith('units.'));
    assert.deepEqual(enKeys.sort(), zhKeys.sort());
    for (const text of [ZH_CN, EN_US])
      for (const key of keys(text)) {
        const value = key
          .split('.')
          .reduce<unknown>((at, part) => (at as Record<string, unknown>)[part], text);
        assert.ok(typeof value === 'function' || (typeof value === 'string' && value.length > 0), key);
      }
  });
});
