import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fieldChanges } from './field-changes.ts';

/** What a record's history lists for an edit: changed fields only, as text, empty values as null. */
describe('fieldChanges', () => {
  const columns = [
    ['name', 'name'],
    ['grade', 'grade'],
    ['phone', 'contact_phone'],
  ] as const;

  it('lists only the fields whose value changed, numbers and empties as text or null', () => {
    const before = { name: '康乐养老院', grade: 2, contact_phone: null as string | null };
    const after = { name: '康乐养老院', grade: 3, contact_phone: '0561-1234567' };
    assert.deepEqual(fieldChanges(columns, before, after), [
      { field: 'grade', oldValue: '2', newValue: '3' },
      { field: 'phone', oldValue: null, newValue: '0561-1234567' },
    ]);
  });

  it('an edit that sends every value unchanged is no change at all', () => {
    const row = { name: '甲', grade: 1, contact_phone: '123456' };
    assert.deepEqual(fieldChanges(columns, row, { ...row }), []);
  });
});
