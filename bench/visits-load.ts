/**
 * The phones of the visits benchmark, in a process of their own: 200 community workers posting visits to the server
 * under test. Apart from the server so that making and timing requests takes nothing from the server's event loop
 * or from its CPU measurement (real phones do not run on the server either).
 *
 * Run by bench/visits-record.ts via child_process.fork: receives a LoadJob, answers a LoadResult, exits.
 */
import crypto from 'node:crypto';

export interface LoadJob {
  baseUrl: string;
  sessions: { cookie: string; persons: number[] }[];
  /** Visits each worker records. */
  requests: number;
  /** Pause before each visit, drawn between the two bounds; null sends the next as soon as the last is answered. */
  paceMs: [number, number] | null;
  /** The visit's start and end (the server's clock is fixed to the same morning). */
  startedAt: string;
  endedAt: string;
}

export interface LoadResult {
  requests: number;
  failures: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

export async function runLoad(job: LoadJob): Promise<LoadResult> {
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    job.sessions.map(async (session, w) => {
      for (let i = 0; i < job.requests; i++) {
        const pace = job.paceMs;
        if (pace) await new Promise((r) => setTimeout(r, pace[0] + Math.random() * (pace[1] - pace[0])));
        const personId = session.persons[(i + w) % session.persons.length]!;
        // A door visit with a location and the checklist: what a worker sends from the doorstep.
        const body = JSON.stringify({
          clientId: crypto.randomUUID(),
          personId,
          mode: 'door',
          startedAt: job.startedAt,
          endedAt: job.endedAt,
          location: { lat: 33.9, lng: 116.7 },
          checklist: {
            health: 'ok',
            mentalState: 'ok',
            utilitiesSafety: 'concern',
            hygiene: 'ok',
            livingEnvironment: 'ok',
          },
          risks: ['燃气软管老化'],
          referrals: [],
        });
        const t0 = performance.now();
        const response = await fetch(`${job.baseUrl}/api/visits/records`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: session.cookie },
          body,
        });
        await response.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (response.status !== 201) failures++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  return {
    requests: sorted.length,
    failures,
    seconds: Math.round(seconds * 100) / 100,
    perSecond: Math.round(sorted.length / seconds),
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted[sorted.length - 1]!),
  };
}

if (process.send) {
  process.once('message', (job: LoadJob) => {
    runLoad(job).then(
      (result) => process.send!(result, () => process.exit(0)),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
