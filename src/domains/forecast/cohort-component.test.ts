import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ageGroups, groupLabel } from './age-groups.ts';
import { projectCohortComponent, projectStep, survivalRatios } from './cohort-component.ts';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/preston-box-6-2.json', import.meta.url), 'utf8'));
const labels: string[] = fixture.age_groups;
const asfr = labels.map((label) => fixture.asfr_by_age_group[label] ?? 0);
// The fixture gives females only; males get the same inputs (its male_check).
const same = (values: number[]) => ({ female: values, male: values });
const parameters = {
  nLx: same(fixture.nLx_female),
  radix: fixture.life_table_radix_l0,
  asfr,
  sexRatioAtBirth: fixture.sex_ratio_at_birth,
  netMigrants: same(fixture.net_migrants_female_over_step),
};

describe('cohort-component projection (Preston, Heuveline & Guillot Box 6.2)', () => {
  const step = projectStep(same(fixture.population_1993_female), parameters);

  it('uses the age groups of the fixture when the open group starts at 85', () => {
    assert.deepEqual(ageGroups(85).map(groupLabel), labels);
  });

  it('reproduces every female group of 1998 after rounding', () => {
    assert.deepEqual(step.population.female.map(Math.round), fixture.expected_population_1998_female_rounded);
  });

  it('reproduces the births by mother age group and in total after rounding', () => {
    const byAge = Object.fromEntries(
      labels.flatMap((label, x) =>
        label in fixture.asfr_by_age_group ? [[label, Math.round(step.birthsByMotherAge[x])]] : [],
      ),
    );
    assert.deepEqual(byAge, fixture.expected_births_by_mother_age_rounded);
    assert.equal(Math.round(step.totalBirths), fixture.expected_total_births_rounded);
  });

  it('gives males the same groups as females except 0–4, which holds 1.05/2.05 of the births', () => {
    assert.equal(Math.round(step.population.male[0]), 317340);
    assert.deepEqual(step.population.male.slice(1), step.population.female.slice(1));
  });

  it('survives the open group with T85 / (L80 + T85)', () => {
    const ratios = survivalRatios(fixture.nLx_female);
    assert.equal(ratios.length, 17);
    assert.equal(ratios[16], 291707 / (271512 + 291707));
    assert.equal(ratios[0], 497138 / 497487);
  });

  it('steps five years at a time and reports only the years asked for', () => {
    const years = projectCohortComponent(
      same(fixture.population_1993_female),
      1993,
      [1998, 2008],
      parameters,
    );
    assert.deepEqual([...years.keys()], [1998, 2008]);
    assert.deepEqual(
      years.get(1998)!.female.map(Math.round),
      fixture.expected_population_1998_female_rounded,
    );
    const second = projectStep(years.get(1998)!, parameters).population;
    assert.deepEqual(years.get(2008), projectStep(second, parameters).population);
  });
});
