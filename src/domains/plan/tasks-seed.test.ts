import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readSeedTasks } from './tasks-seed.ts';
import { deadlineOf, parseResponsibility } from './tasks-text.ts';

describe('key tasks of the seed plans', () => {
  const tasks = readSeedTasks();

  it('carries every key task of the five plans, 辽宁 all 37 of its annex', () => {
    assert.deepEqual(
      Object.fromEntries(Object.entries(tasks).map(([file, list]) => [file.slice(0, 3), list.length])),
      { '000': 13, '001': 19, '002': 37, '003': 43, '004': 23 },
    );
    const liaoning = tasks['002_b28c3bb2e69c7283.txt'];
    assert.deepEqual(
      liaoning.map((task) => task.number),
      Array.from({ length: 37 }, (_, i) => i + 1),
    );
    assert.ok(
      liaoning.every((task) => task.leadDepartments.length > 0),
      'every 辽宁 task names a lead',
    );
  });

  it('reads lead and participating departments as the annex states them', () => {
    const liaoning = tasks['002_b28c3bb2e69c7283.txt'];
    assert.deepEqual(liaoning[4].leadDepartments, ['省教育厅']);
    assert.deepEqual(liaoning[4].participatingDepartments, ['省卫生健康委', '各市政府']);
    assert.deepEqual(liaoning[12].leadDepartments, ['省发展改革委', '省国资委']);
    assert.ok(liaoning[12].participatingDepartments.includes('人民银行沈阳分行'));
    assert.deepEqual(liaoning[36].leadDepartments, ['省教育厅', '省人力资源社会保障厅', '省民政厅']);
    assert.deepEqual(tasks['001_b026979addf2063b.txt'][10].leadDepartments, ['县发展改革委']);
  });

  it('splits units at 、 and commas but not inside brackets', () => {
    assert.deepEqual(parseResponsibility('责任单位:市民政局、市财政局,各县(市、区)政府(管委会)'), {
      lead: ['市民政局', '市财政局'],
      participating: ['各县(市、区)政府(管委会)'],
    });
    assert.deepEqual(parseResponsibility('省民政厅牵头,省商务厅、省发展改革委参加,各市政府负责。'), {
      lead: ['省民政厅'],
      participating: ['省商务厅', '省发展改革委', '各市政府'],
    });
  });

  it('takes the latest year a task commits to as its deadline, and none when the text names none', () => {
    assert.equal(deadlineOf('到2022年年底,建立制度;到2025年,探访率达到100%'), '2025-12-31');
    assert.equal(deadlineOf('2023年底前,100张床位以上的机构设置医疗单元'), '2023-12-31');
    assert.equal(deadlineOf('深化医养有机结合。'), null);
    assert.equal(tasks['003_d61584bcdc282ef2.txt'][2].deadline, '2022-12-31');
  });
});
