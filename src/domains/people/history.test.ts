import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { personChanges } from './history.ts';
import type { PersonRow } from './queries.ts';

const person: PersonRow = {
  id: 1,
  region_code: '340603001',
  name: '张三',
  sex: 'male',
  birth_date: '1946-01-15',
  id_number_cipher: null,
  id_number_key_id: null,
  address: '相山路1号',
  registered_region_code: null,
  living_situation: 'alone',
  capability_level: 2,
  capability_assessed_on: '2025-01-01',
};

describe('person history', () => {
  it('records only the fields whose value changed, old and new as text', () => {
    assert.deepEqual(
      personChanges(person, { ...person, address: '相山路2号', capability_level: 3, name: '张三' }),
      [
        { field: 'address', oldValue: '相山路1号', newValue: '相山路2号' },
        { field: 'capabilityLevel', oldValue: '2', newValue: '3' },
      ],
    );
  });

  it('records a cleared field as a change to null and an unchanged person as no change', () => {
    assert.deepEqual(personChanges(person, { ...person, living_situation: null }), [
      { field: 'livingSituation', oldValue: 'alone', newValue: null },
    ]);
    assert.deepEqual(personChanges(person, { ...person }), []);
  });
});
