import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkStandard, householdSizeFor, standardsInForce, type StandardRow } from './standards.ts';

const row = (over: Partial<StandardRow>): StandardRow => ({
  regionCode: '3406',
  measure: 'elderly_space_per_100_households',
  areaType: 'existing',
  minimum: 20,
  siteMinimum: null,
  validFrom: '2021-01-01',
  validTo: null,
  source: 'plan',
  ...over,
});

describe('facility standards', () => {
  it('holds a region to the nearest region above that states the standard, in force on the date', () => {
    const rows = [
      row({}),
      row({ regionCode: '340603', minimum: 25, validFrom: '2024-01-01' }),
      row({ regionCode: '3405', minimum: 40 }),
    ];
    assert.equal(standardsInForce(rows, '340603', '2023-06-30')[0].minimum, 20);
    assert.equal(standardsInForce(rows, '340603', '2024-06-30')[0].minimum, 25);
    assert.equal(standardsInForce(rows, '340602', '2024-06-30')[0].minimum, 20);
    assert.deepEqual(standardsInForce(rows, '3406', '2020-12-31'), []);
    assert.equal(
      householdSizeFor(
        [{ regionCode: '34', persons: 2.62, validFrom: '2021-01-01', validTo: null }],
        '340603',
        '2025-01-01',
      ),
      2.62,
    );
  });

  it('counts floor area per 100 households and the m² missing, leaving out sites below the per-site minimum', () => {
    const counts = {
      residents: 262_000,
      householdSize: 2.62,
      elderlySites: [5000, 150, 9000],
      childcarePlaces: 0,
    };
    // 100,000 households × 20 m² / 100 = 20,000 m²; the 150 m² site is below the 200 m² minimum.
    const check = checkStandard(row({ siteMinimum: 200 }), counts);
    assert.equal(check.required, 20_000);
    assert.equal(check.provided, 14_000);
    assert.equal(check.shortfall, 6_000);
    assert.equal(check.value, 14);
    assert.equal(check.status, 'not_met');
    assert.equal(check.sitesExcluded, 1);
    assert.equal(checkStandard(row({ minimum: 10 }), counts).status, 'met');
  });

  it('counts childcare places per 1,000 residents and the places missing', () => {
    const check = checkStandard(row({ measure: 'childcare_places_per_1000_residents', minimum: 8 }), {
      residents: 1_970_265,
      householdSize: null,
      elderlySites: [],
      childcarePlaces: 1869,
    });
    assert.equal(check.required, 15_763);
    assert.equal(check.shortfall, 13_894);
    assert.equal(check.value, 0.9);
  });

  it('says why a standard cannot be checked instead of calling it met', () => {
    const counts = { residents: 1000, householdSize: null, elderlySites: [500], childcarePlaces: 10 };
    assert.equal(checkStandard(row({}), counts).note, 'no_household_size');
    assert.equal(
      checkStandard(row({ measure: 'elderly_land_per_resident', minimum: 0.1 }), counts).note,
      'land_not_recorded',
    );
    assert.equal(checkStandard(row({}), { ...counts, residents: null }).status, 'no_data');
  });
});
