import type { Tx } from '../../db/database.ts';
import { fieldError, invalidInput, type FieldError } from '../../server/errors.ts';
import { figuresOfRegions, liveChildren } from '../population/queries.ts';
import type { PopulationBasis } from '../population/tables.ts';
import { ageGroups, groupLabel, GROUP_WIDTH, PROJECTED_SEXES, type SexVectors } from './age-groups.ts';
import { projectCohortComponent, type CohortComponentParameters } from './cohort-component.ts';
import { CHILDBEARING, projectHamiltonPerry } from './hamilton-perry.ts';
import { addVectors, groupedPopulation, type GroupedPopulation } from './inputs.ts';
import { insertRun, type ForecastFigure, type ForecastRun } from './queries.ts';
import { rakeToTotals } from './raking.ts';

interface CommonRequest {
  regionCode: string;
  basis: PopulationBasis;
  baseYear: number;
  targetYears: number[];
  openAge: number;
}

export interface HamiltonPerryRequest extends CommonRequest {
  method: 'hamilton_perry';
  earlierYear: number;
}

export interface CohortComponentRequest extends CommonRequest {
  method: 'cohort_component';
  lifeTable: { radix: number; female: number[]; male: number[] };
  fertility: { asfr: Record<string, number>; sexRatioAtBirth: number };
  netMigrantsPerStep?: SexVectors;
}

export type ForecastRequest = HamiltonPerryRequest | CohortComponentRequest;

/** Problems with the request itself, before any data is read; paths under `body.`. */
export function requestProblems(request: ForecastRequest): FieldError[] {
  const problems: FieldError[] = [];
  const groups = ageGroups(request.openAge);
  const years = new Set<number>();
  request.targetYears.forEach((year, index) => {
    const path = `body.targetYears.${index}`;
    if (year <= request.baseYear || (year - request.baseYear) % GROUP_WIDTH !== 0) {
      problems.push(
        fieldError(
          path,
          '预测年份须晚于基年且相隔5年的整数倍',
          'A target year must follow the base year by a multiple of 5 years',
        ),
      );
    } else if (years.has(year)) {
      problems.push(fieldError(path, '预测年份重复', 'This target year is listed twice'));
    }
    years.add(year);
  });
  if (request.method === 'hamilton_perry') {
    const interval = request.baseYear - request.earlierYear;
    if (interval !== 5 && interval !== 10) {
      problems.push(
        fieldError(
          'body.earlierYear',
          '两次人口数据须相隔5年或10年',
          'The two counts must be 5 or 10 years apart',
        ),
      );
    }
    return problems;
  }
  for (const sex of PROJECTED_SEXES) {
    if (request.lifeTable[sex].length !== groups.length) {
      problems.push(
        fieldError(
          `body.lifeTable.${sex}`,
          `生命表须有${groups.length}个年龄组的nLx（最后一个为开口组的T）`,
          `The life table needs nLx for ${groups.length} age groups (the last is T of the open group)`,
        ),
      );
    }
    const migrants = request.netMigrantsPerStep?.[sex];
    if (migrants && migrants.length !== groups.length) {
      problems.push(
        fieldError(
          `body.netMigrantsPerStep.${sex}`,
          `净迁移须有${groups.length}个年龄组`,
          `Net migrants need ${groups.length} age groups`,
        ),
      );
    }
  }
  const closed = new Set(groups.filter((group) => group.ageTo !== null).map(groupLabel));
  for (const label of Object.keys(request.fertility.asfr)) {
    if (!closed.has(label)) {
      problems.push(
        fieldError(
          `body.fertility.asfr.${label}`,
          '生育率的年龄组须为5岁组，如 "20-24"',
          'Fertility rates are keyed by 5-year group, such as "20-24"',
        ),
      );
    }
  }
  return problems;
}

interface Loaded {
  /** By region and year. */
  grouped: Map<string, Map<number, GroupedPopulation | null>>;
  children: string[];
}

async function load(
  tx: Tx,
  request: ForecastRequest,
  years: number[],
  withChildren: boolean,
): Promise<Loaded> {
  const children = withChildren
    ? (await liveChildren(tx, [request.regionCode])).get(request.regionCode)!
    : [];
  const codes = [request.regionCode, ...children];
  const figures = await figuresOfRegions(tx, codes, { basis: request.basis });
  const grouped = new Map<string, Map<number, GroupedPopulation | null>>();
  for (const code of codes) {
    const own = figures.filter((figure) => figure.regionCode === code);
    grouped.set(
      code,
      new Map(years.map((year) => [year, groupedPopulation(own, year, request.basis, request.openAge)])),
    );
  }
  return { grouped, children };
}

function missingData(year: number): FieldError {
  return fieldError(
    'body.regionCode',
    `该地区${year}年缺少按性别、5岁组（或单岁）的人口数据`,
    `The region has no population figures by sex in 5-year groups (or single years) for ${year}`,
  );
}

function toFigures(
  regionCode: string,
  projections: Map<number, SexVectors>,
  openAge: number,
): ForecastFigure[] {
  const groups = ageGroups(openAge);
  return [...projections].flatMap(([year, vectors]) =>
    PROJECTED_SEXES.flatMap((sex) =>
      groups.map((group, x) => ({
        regionCode,
        year,
        sex,
        ...group,
        projected: vectors[sex][x],
        count: Math.round(vectors[sex][x]),
        scaled: false,
      })),
    ),
  );
}

function assertNonNegative(projections: Map<number, SexVectors>): void {
  for (const vectors of projections.values()) {
    if (
      PROJECTED_SEXES.some((sex) => vectors[sex].some((count) => !(count >= 0) || !Number.isFinite(count)))
    ) {
      throw invalidInput([
        fieldError(
          'body.netMigrantsPerStep',
          '净迁出超过了该年龄组的人口，预测出现负数',
          'Net out-migration exceeds an age group, giving a negative projection',
        ),
      ]);
    }
  }
}

async function hamiltonPerry(tx: Tx, request: HamiltonPerryRequest, createdBy: number | null) {
  const years = [request.earlierYear, request.baseYear];
  const { grouped, children } = await load(tx, request, years, true);
  const complete = (code: string) => years.every((year) => grouped.get(code)!.get(year));
  const projectable = children.filter(complete);
  const skipped = children.filter((code) => !complete(code));
  let root: { earlier: SexVectors; later: SexVectors; from: 'own' | 'children' };
  if (complete(request.regionCode)) {
    const own = grouped.get(request.regionCode)!;
    root = { earlier: own.get(years[0])!.vectors, later: own.get(years[1])!.vectors, from: 'own' };
  } else if (children.length > 0 && skipped.length === 0) {
    const sumOf = (year: number) => addVectors(children.map((code) => grouped.get(code)!.get(year)!.vectors));
    root = { earlier: sumOf(years[0]), later: sumOf(years[1]), from: 'children' };
  } else {
    const year = years.find((candidate) => !grouped.get(request.regionCode)!.get(candidate))!;
    throw invalidInput([missingData(year)]);
  }
  const interval = request.baseYear - request.earlierYear;
  const project = (earlier: SexVectors, later: SexVectors) =>
    projectHamiltonPerry(earlier, later, interval, request.baseYear, request.targetYears);
  const figures = toFigures(request.regionCode, project(root.earlier, root.later), request.openAge);
  const childFigures = projectable.map((code) => {
    const own = grouped.get(code)!;
    return toFigures(code, project(own.get(years[0])!.vectors, own.get(years[1])!.vectors), request.openAge);
  });
  // Scaling is only sound when the children partition the parent; with one missing their sum is not the total.
  const scale = childFigures.length > 0 && skipped.length === 0;
  if (scale) {
    const scaled = rakeToTotals(
      childFigures.map((cells) => cells.map((cell) => cell.projected)),
      figures.map((cell) => cell.count),
    );
    childFigures.forEach((cells, child) =>
      cells.forEach((cell, index) => Object.assign(cell, { count: scaled[child][index], scaled: true })),
    );
  }
  const sourcesOf = (code: string) =>
    Object.fromEntries(years.map((year) => [year, grouped.get(code)!.get(year)?.source ?? null]));
  return insertRun(
    tx,
    {
      regionCode: request.regionCode,
      method: 'hamilton_perry',
      basis: request.basis,
      baseYear: request.baseYear,
      earlierYear: request.earlierYear,
      openAge: request.openAge,
      targetYears: request.targetYears,
      inputs: {
        region: { regionCode: request.regionCode, from: root.from, sources: sourcesOf(request.regionCode) },
        children: projectable.map((code) => ({ regionCode: code, sources: sourcesOf(code) })),
        skippedChildren: skipped,
        childrenScaledToRegion: scale,
      },
      parameters: {
        interval,
        childbearingAges: [CHILDBEARING.ageFrom, CHILDBEARING.ageTo],
        interpolatedYears: request.targetYears.filter((year) => (year - request.baseYear) % interval !== 0),
      },
      createdBy,
    },
    [...figures, ...childFigures.flat()],
  );
}

async function cohortComponent(tx: Tx, request: CohortComponentRequest, createdBy: number | null) {
  const { grouped } = await load(tx, request, [request.baseYear], false);
  const base = grouped.get(request.regionCode)!.get(request.baseYear);
  if (!base) throw invalidInput([missingData(request.baseYear)]);
  const groups = ageGroups(request.openAge);
  const parameters: CohortComponentParameters = {
    nLx: { female: request.lifeTable.female, male: request.lifeTable.male },
    radix: request.lifeTable.radix,
    asfr: groups.map((group) => request.fertility.asfr[groupLabel(group)] ?? 0),
    sexRatioAtBirth: request.fertility.sexRatioAtBirth,
    netMigrants: request.netMigrantsPerStep,
  };
  const projections = projectCohortComponent(base.vectors, request.baseYear, request.targetYears, parameters);
  assertNonNegative(projections);
  return insertRun(
    tx,
    {
      regionCode: request.regionCode,
      method: 'cohort_component',
      basis: request.basis,
      baseYear: request.baseYear,
      earlierYear: null,
      openAge: request.openAge,
      targetYears: request.targetYears,
      inputs: { region: { regionCode: request.regionCode, sources: { [request.baseYear]: base.source } } },
      parameters: {
        lifeTable: request.lifeTable,
        fertility: request.fertility,
        netMigrantsPerStep: request.netMigrantsPerStep ?? null,
      },
      createdBy,
    },
    toFigures(request.regionCode, projections, request.openAge),
  );
}

/**
 * Runs a forecast from the stored figures and stores it. Hamilton–Perry projects the region and each of its
 * subdivisions, scaling the subdivisions to the region's total; cohort-component, whose rates and migrants are the
 * region's, projects the region alone. Throws invalidInput (nothing written) when the request or the data fall short.
 */
export async function runForecast(
  tx: Tx,
  request: ForecastRequest,
  createdBy: number | null,
): Promise<ForecastRun> {
  const problems = requestProblems(request);
  if (problems.length > 0) throw invalidInput(problems);
  const targetYears = [...request.targetYears].sort((a, b) => a - b);
  return request.method === 'hamilton_perry'
    ? hamiltonPerry(tx, { ...request, targetYears }, createdBy)
    : cohortComponent(tx, { ...request, targetYears }, createdBy);
}
