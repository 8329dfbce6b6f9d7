// Loads the catalogue and the seed plans into the database. Idempotent: a definition or plan already there is
// left as it is (an administrator may have edited it), so the demo and the admin route can both call it.
import type { Tx } from '../../db/database.ts';
import { CATALOGUE, WORDINGS } from './catalogue.ts';
import { PLAN_ADDITIONS, PLAN_NAMES, readSeedRows, type SeedRow } from './seed.ts';
import { loadSeedStandards } from './standards-seed.ts';
import { loadSeedTasks, readSeedTasks, type SeedTask } from './tasks-seed.ts';

export interface LoadResult {
  definitionsAdded: number;
  plansLoaded: {
    sourceFile: string;
    regionCode: string;
    planId: number;
    indicators: number;
    tasks: number;
  }[];
  plansSkipped: { sourceFile: string; regionCode: string; reason: 'region_not_loaded' | 'already_loaded' }[];
  /** Indicators of plans already loaded whose remark moved from the responsible department to the note. */
  notesMoved: { sourceFile: string; regionCode: string; planId: number; planIndicatorIds: number[] }[];
}

export async function loadCatalogue(tx: Tx): Promise<number> {
  const added = await tx
    .insertInto('indicator_definition')
    .values(
      CATALOGUE.map((d) => ({
        key: d.key,
        name_zh: d.nameZh,
        name_en: d.nameEn,
        domain: d.domain,
        method: d.method,
        numerator: d.numerator,
        denominator: d.denominator,
        factor: d.factor,
        unit: d.unit,
        decimals: d.decimals,
        direction: d.direction,
        measure: d.measure,
        population_basis: d.populationBasis,
        roll_up: d.rollUp,
      })),
    )
    .onConflict((conflict) => conflict.column('key').doNothing())
    .returning('key')
    .execute();
  return added.length;
}

/**
 * A plan loaded before the seed told its remarks from departments holds a remark as the indicator's responsible
 * department. Only a row still holding the seed's remark there, and no note, is moved: an administrator's edit stays.
 */
async function moveNotesOutOfDepartments(tx: Tx, planId: number, planRows: readonly SeedRow[]) {
  const moved: number[] = [];
  for (const row of planRows) {
    if (row.note === null || row.responsible !== null) continue;
    const updated = await tx
      .updateTable('plan_indicator')
      .set({ responsible: null, note: row.note })
      .where('plan_id', '=', planId)
      .where('wording', '=', row.wording)
      .where('responsible', '=', row.note)
      .where('note', 'is', null)
      .returning('id')
      .execute();
    moved.push(...updated.map((indicator) => indicator.id));
  }
  return moved;
}

export async function loadSeedPlans(
  tx: Tx,
  rows: readonly SeedRow[] = readSeedRows(),
  tasks: Readonly<Record<string, readonly SeedTask[]>> = readSeedTasks(),
): Promise<LoadResult> {
  const result: LoadResult = {
    definitionsAdded: await loadCatalogue(tx),
    plansLoaded: [],
    plansSkipped: [],
    notesMoved: [],
  };
  const byPlan = new Map<string, SeedRow[]>();
  for (const row of rows) byPlan.set(row.plan, [...(byPlan.get(row.plan) ?? []), row]);

  const regionCodes = [...new Set(rows.map((row) => row.regionCode))];
  const present = new Set(
    (await tx.selectFrom('region').select('code').where('code', 'in', regionCodes).execute()).map(
      (r) => r.code,
    ),
  );
  const loaded = new Map(
    (await tx.selectFrom('plan').select(['source_file', 'id']).execute()).map((plan) => [
      plan.source_file,
      plan.id,
    ]),
  );

  for (const [sourceFile, planRows] of byPlan) {
    const regionCode = planRows[0].regionCode;
    if (!present.has(regionCode)) {
      result.plansSkipped.push({ sourceFile, regionCode, reason: 'region_not_loaded' });
      continue;
    }
    const loadedId = loaded.get(sourceFile);
    if (loadedId !== undefined) {
      const moved = await moveNotesOutOfDepartments(tx, loadedId, planRows);
      if (moved.length > 0)
        result.notesMoved.push({ sourceFile, regionCode, planId: loadedId, planIndicatorIds: moved });
      result.plansSkipped.push({ sourceFile, regionCode, reason: 'already_loaded' });
      continue;
    }
    const plan = await tx
      .insertInto('plan')
      .values({
        region_code: regionCode,
        name: PLAN_NAMES[sourceFile] ?? `${planRows[0].regionName}“一老一小”整体解决方案`,
        period_from: 2021,
        period_to: Math.max(...planRows.map((row) => row.targetYear)),
        source_file: sourceFile,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('plan_indicator')
      .values(
        planRows.map((row, position) => {
          const key = WORDINGS[row.wording];
          if (!key) throw new Error(`indicators.csv: no definition for ${row.wording}`);
          return {
            region_code: regionCode,
            plan_id: plan.id,
            position,
            indicator_key: key,
            wording: row.wording,
            unit: row.unit,
            baseline_year: row.baseline === null ? null : row.baselineYear,
            baseline_value: row.baseline,
            mid_year: row.mid === null ? null : row.midYear,
            mid_value: row.mid,
            target_year: row.targetYear,
            target_value: row.target,
            comparator: row.comparator,
            nature: row.nature,
            responsible: row.responsible,
            note: row.note,
          };
        }),
      )
      .execute();
    const additions = PLAN_ADDITIONS[sourceFile] ?? [];
    if (additions.length > 0) {
      await tx
        .insertInto('plan_addition')
        .values(additions.map((a) => ({ region_code: regionCode, plan_id: plan.id, ...a })))
        .execute();
    }
    const taskCount = await loadSeedTasks(tx, { id: plan.id, regionCode }, tasks[sourceFile] ?? []);
    await loadSeedStandards(tx, regionCode, sourceFile, '2021-01-01');
    result.plansLoaded.push({
      sourceFile,
      regionCode,
      planId: plan.id,
      indicators: planRows.length,
      tasks: taskCount,
    });
  }
  return result;
}
