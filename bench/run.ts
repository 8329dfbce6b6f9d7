/**
 * Runs every benchmark in sequence (`npm run bench`), prints one JSON line per result and then a summary table.
 *
 *   npm run bench [-- --pg postgres://postgres@127.0.0.1:5432/postgres] [--only startup]
 *
 *   startup       the main command's cold start and warm restart on the embedded PostgreSQL (bench/startup.ts)
 *   regions-load  loading all of China's regions into a fresh database on --pg (bench/regions-load.ts)
 *   people-list   first page of a filtered people list over 5,000,000 persons (bench/people-list.ts)
 *   capacity      capacity as of a date over 30,000 facilities with history (bench/capacity-history.ts)
 *   intake        1,000,000 person rows from CSV and xlsx with validation and encryption (bench/intake.ts)
 *   plan          every plan indicator at every level of a synthetic province (bench/plan-evaluation.ts)
 *   demo-city     loading the demo city (bench/demo-city.ts)
 *   plan-report   淮北's annual evaluation report as PDF and Excel on the full demo (bench/plan-report.ts)
 *   visits        caring visits at 淮北's size: task generation, rates, recording under 200 workers (bench/visits.ts)
 *
 * A benchmark that fails is reported and the others still run; the exit code is then 1. See BENCHMARKS.md.
 */
import { parseArgs } from 'node:util';
import * as capacityHistory from './capacity-history.ts';
import * as demoCity from './demo-city.ts';
import * as intake from './intake.ts';
import * as peopleList from './people-list.ts';
import * as planEvaluation from './plan-evaluation.ts';
import * as planReport from './plan-report.ts';
import * as regionsLoad from './regions-load.ts';
import * as startup from './startup.ts';
import * as visits from './visits.ts';

/** Every bench module's results are flat objects with a name. */
type Result = { name: string };

interface Bench {
  name: string;
  run(pgUrl: string | undefined): Promise<Result[]>;
}

const BENCHES: Bench[] = [
  { name: 'startup', run: async () => startup.run() },
  { name: 'regions-load', run: async (pgUrl) => [await regionsLoad.run({ pgUrl })] },
  { name: 'people-list', run: (pgUrl) => peopleList.run({ pgUrl }) },
  { name: 'capacity', run: (pgUrl) => capacityHistory.run({ pgUrl }) },
  { name: 'intake', run: (pgUrl) => intake.run({ pgUrl }) },
  { name: 'plan', run: (pgUrl) => planEvaluation.run({ pgUrl }) },
  { name: 'demo-city', run: (pgUrl) => demoCity.run({ pgUrl }) },
  { name: 'plan-report', run: (pgUrl) => planReport.run({ pgUrl }) },
  { name: 'visits', run: (pgUrl) => visits.run({ pgUrl }) },
];

function cell(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

function table(results: Result[]): string {
  const rows = results.map((result) => {
    const fields = result as Record<string, unknown>;
    const best = fields.best ?? fields.seconds;
    const median = fields.median ?? fields.seconds;
    const details = Object.entries(fields)
      .filter(([key]) => !['name', 'best', 'median', 'seconds', 'samples'].includes(key))
      .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('/') : cell(value)}`)
      .join(' ');
    return [result.name, cell(best), cell(median), details];
  });
  const header = ['benchmark', 'best (s)', 'median (s)', 'details'];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
  const line = (row: string[]) =>
    row
      .map((text, i) => text.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { pg: { type: 'string' }, only: { type: 'string', multiple: true } },
  });
  const chosen = BENCHES.filter((bench) => !values.only || values.only.includes(bench.name));
  if (chosen.length === 0) throw new Error(`no benchmark named ${values.only?.join(', ')}`);
  const results: Result[] = [];
  const failed: string[] = [];
  for (const bench of chosen) {
    console.error(`\n=== bench: ${bench.name} ===`);
    const started = Date.now();
    try {
      for (const result of await bench.run(values.pg)) {
        console.log(JSON.stringify(result));
        results.push(result);
      }
    } catch (error) {
      console.error(`bench ${bench.name} failed:`, error);
      failed.push(bench.name);
    }
    console.error(`(${bench.name} took ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  console.log(`\n${table(results)}`);
  if (failed.length > 0) console.log(`\nfailed: ${failed.join(', ')}`);
  return failed.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
