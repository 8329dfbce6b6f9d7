import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../server/errors.ts';
import { makeUscc } from '../../shared/uscc.ts';
import {
  CHILDCARE_FACILITY_TYPES,
  ELDERLY_CARE_FACILITY_TYPES,
  FACILITY_TYPES,
  facilityDomain,
} from './facility-types.ts';
import {
  capacityProblems,
  coordinateProblems,
  feeRangeProblems,
  mergeCapacity,
  organisationTypeOfUscc,
  placeCapacityPeriod,
  requireValidUscc,
  type CapacityFigures,
} from './rules.ts';

function fieldPaths(work: () => unknown): string[] {
  try {
    work();
  } catch (error) {
    assert.ok(error instanceof AppError);
    assert.equal(error.statusCode, 400);
    return error.fields!.map((field) => field.path);
  }
  assert.fail('expected a 400');
}

describe('unified social credit code from input', () => {
  it('accepts the standard test vector and normalises case and spaces', () => {
    assert.equal(requireValidUscc(' 91110000600037341l ', 'body.uscc'), '91110000600037341L');
  });

  it('rejects a wrong check character as a field error on the given path', () => {
    assert.deepEqual(
      fieldPaths(() => requireValidUscc('91110000600037341M', 'body.uscc')),
      ['body.uscc'],
    );
  });

  it('rejects letters the standard excludes and wrong lengths', () => {
    assert.deepEqual(
      fieldPaths(() => requireValidUscc('9111000060003734IL', 'body.uscc')),
      ['body.uscc'],
    );
    assert.deepEqual(
      fieldPaths(() => requireValidUscc('9111000060003734', 'x')),
      ['x'],
    );
  });

  it('reads the legal form from the first two characters', () => {
    assert.equal(organisationTypeOfUscc(makeUscc('12340603MB0000001')), 'public_institution');
    assert.equal(organisationTypeOfUscc(makeUscc('52340603MJB12345X')), 'social_organisation');
    assert.equal(organisationTypeOfUscc('91110000600037341L'), 'company');
    assert.equal(organisationTypeOfUscc(makeUscc('92340603MA0000001')), 'individual_business');
    assert.equal(organisationTypeOfUscc(makeUscc('11340600000000001')), 'government_agency');
    assert.equal(organisationTypeOfUscc(makeUscc('93340600000000001')), 'other');
  });
});

describe('facility type → supervising domain', () => {
  it('gives the seven elderly-care types to civil affairs and the four childcare types to health', () => {
    assert.equal(FACILITY_TYPES.length, 11);
    for (const type of ELDERLY_CARE_FACILITY_TYPES) assert.equal(facilityDomain(type), 'elderly_care', type);
    for (const type of CHILDCARE_FACILITY_TYPES) assert.equal(facilityDomain(type), 'childcare', type);
  });
});

describe('coordinates', () => {
  it('accepts a point in 淮北 and no point at all', () => {
    assert.deepEqual(coordinateProblems(116.79, 33.95), []);
    assert.deepEqual(coordinateProblems(null, null), []);
  });

  it('flags swapped axes and points outside China, each on its own field', () => {
    assert.deepEqual(
      coordinateProblems(33.95, 116.79).map((p) => p.path),
      ['body.longitude', 'body.latitude'],
    );
    assert.deepEqual(
      coordinateProblems(-73.9, 40.7).map((p) => p.path),
      ['body.longitude'],
    );
  });

  it('wants longitude and latitude together', () => {
    assert.deepEqual(
      coordinateProblems(116.79, undefined).map((p) => p.path),
      ['body.latitude'],
    );
  });
});

describe('fee ranges', () => {
  it('flags a maximum below its minimum only', () => {
    assert.deepEqual(
      feeRangeProblems([
        ['bed', 800, 600],
        ['meal', 300, null],
        ['nursing', 100, 100],
      ]).map((p) => p.path),
      ['body.fees.bed.max'],
    );
  });
});

const operating: CapacityFigures = mergeCapacity(null, { operatingStatus: 'operating' });

describe('capacity figures', () => {
  it('carries unstated figures over from the previous period', () => {
    const before = { ...operating, bedsTotal: 100, bedsNursing: 60, grade: 2 };
    const after = mergeCapacity(before, { grade: 3, bedsNursing: undefined });
    assert.equal(after.bedsTotal, 100);
    assert.equal(after.bedsNursing, 60);
    assert.equal(after.grade, 3);
  });

  it('needs an operating status on the first record', () => {
    assert.deepEqual(
      fieldPaths(() => mergeCapacity(null, { bedsTotal: 10 })),
      ['body.operatingStatus'],
    );
  });

  it('keeps beds to elderly care and places to childcare', () => {
    assert.deepEqual(
      capacityProblems('elderly_care', { ...operating, bedsTotal: 10, placesInfant: 5 }).map((p) => p.path),
      ['body.placesInfant'],
    );
    assert.deepEqual(
      capacityProblems('childcare', { ...operating, bedsTotal: 10, placesMixed: 5 }).map((p) => p.path),
      ['body.bedsTotal'],
    );
  });

  it('refuses parts larger than the whole', () => {
    assert.deepEqual(
      capacityProblems('elderly_care', {
        ...operating,
        bedsTotal: 10,
        bedsNursing: 11,
        bedsDementia: 10,
        bedsInclusive: 12,
      }).map((p) => p.path),
      ['body.bedsNursing', 'body.bedsInclusive'],
    );
    assert.deepEqual(
      capacityProblems('childcare', {
        ...operating,
        placesInfant: 5,
        placesOlderToddler: 5,
        placesInclusive: 11,
      }).map((p) => p.path),
      ['body.placesInclusive'],
    );
  });
});

describe('placing a capacity period in the history', () => {
  const open = [
    { id: 1, validFrom: '2019-01-01', validTo: '2021-06-01' },
    { id: 2, validFrom: '2021-06-01', validTo: null },
  ];

  it('starts the first period open-ended', () => {
    assert.deepEqual(placeCapacityPeriod([], '2020-01-01', null), {
      ok: true,
      closePeriodId: null,
      validTo: null,
    });
  });

  it('closes the open period when a change is recorded inside it', () => {
    assert.deepEqual(placeCapacityPeriod(open, '2023-03-01', null), {
      ok: true,
      closePeriodId: 2,
      validTo: null,
    });
  });

  it('refuses a second period starting the same day', () => {
    assert.deepEqual(placeCapacityPeriod(open, '2021-06-01', null), { ok: false, reason: 'same_start' });
  });

  it('refuses to rewrite a closed period', () => {
    assert.deepEqual(placeCapacityPeriod(open, '2020-01-01', null), { ok: false, reason: 'overlap' });
  });

  it('ends a baseline recorded afterwards where the recorded history starts', () => {
    assert.deepEqual(placeCapacityPeriod(open, '2017-01-01', null), {
      ok: true,
      closePeriodId: null,
      validTo: '2019-01-01',
    });
    assert.deepEqual(placeCapacityPeriod(open, '2017-01-01', '2018-01-01'), {
      ok: true,
      closePeriodId: null,
      validTo: '2018-01-01',
    });
    assert.deepEqual(placeCapacityPeriod(open, '2017-01-01', '2019-02-01'), { ok: false, reason: 'overlap' });
  });

  it('fills a gap between periods but not beyond it', () => {
    const gap = [
      { id: 1, validFrom: '2019-01-01', validTo: '2020-01-01' },
      { id: 2, validFrom: '2021-01-01', validTo: null },
    ];
    assert.deepEqual(placeCapacityPeriod(gap, '2020-01-01', null), {
      ok: true,
      closePeriodId: null,
      validTo: '2021-01-01',
    });
    assert.deepEqual(placeCapacityPeriod(gap, '2020-03-01', '2021-02-01'), { ok: false, reason: 'overlap' });
  });
});
