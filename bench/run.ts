/**
 * npm run bench: speed and memory of the engine over the sandbox ARM and Azurite, plus the stable
 * counts (ARM calls, table transactions). Timings are measured here, never asserted in tests.
 */
import { performance } from 'node:perf_hooks';
import { createGuardContext, handleEventMessage, sweep, WriteBudget } from '../src/engine';
import { AzureMachineLearningWorkspaces } from '@azure/arm-machinelearning';
import { API_VERSIONS } from '../src/resources/api-versions';
import { guardConfigSchema, parseArmId } from '../src/model';
import { isWriteRequest, startSandbox, USER_PRINCIPAL, type EventGridEvent } from '../src/sandbox';
import { openStore } from '../src/store';
import { startAzurite } from '../src/store/azurite';
import { syntheticEstate } from './synthetic-estate';
import { sweepScale, throttledFirstSweep, type SweepRow } from './sweep';


interface Row {
  readonly scenario: string;
  readonly workspaces: number;
  readonly ms: number;
  readonly armCalls: number;
  readonly armWrites: number;
  readonly tableTransactions: number;
  readonly heapMiB: number;
}

/** `NxS,...`: N workspaces over S subscriptions. */
function sweepSizes(): [number, number][] {
  const spec = process.env.BENCH_SWEEP ?? (process.env.BENCH_LARGE ? '500x5,1000x1,1000x10,1000x100,10000x1,10000x10,10000x100' : '500x5,1000x1,1000x10,1000x100');
  return spec.split(',').map((s) => {
    const [n, subs] = s.split('x').map(Number);
    if (!(n! > 0 && subs! > 0)) throw new Error(`BENCH_SWEEP: ${JSON.stringify(s)} is not NxS`);
    return [n!, subs!];
  });
}

function printTable<T extends object>(title: string, rows: readonly T[]): void {
  if (!rows.length) return;
  const header = Object.keys(rows[0]!) as (keyof T)[];
  process.stdout.write(`\n${title}\n${[header.join('\t'), ...rows.map((r) => header.map((h) => String(r[h])).join('\t'))].join('\n')}\n`);
}

async function main(): Promise<void> {
  const sizes = (process.env.BENCH_SIZES ?? '50').split(',').filter(Boolean).map(Number);
  const azurite = await startAzurite({ silent: true });
  const rows: Row[] = [];
  try {
    const scale: SweepRow[] = await sweepScale(sweepSizes(), azurite.connectionString);
    printTable('Sweep at scale (issue 10): first sweep of a compliant estate into an empty store, then steady sweeps a minute and 6 hours later', scale);
    const failed = scale.filter((r) => r.errors > 0);
    if (failed.length) {
      process.stderr.write(`bench: ${failed.length} sweep(s) reported errors: their counts are not a sweep's (run \`npm run build\`: the sandbox runs dist/)\n`);
      process.exitCode = 1;
    }
    if (!process.env.BENCH_SKIP_THROTTLED) {
      const throttled = await throttledFirstSweep(azurite.connectionString);
      printTable('First sweep of 200 public workspaces against aml-guard sandbox --rate-limit 50:10:20:5', [throttled.row]);
      process.stdout.write(`fixed ${throttled.fixed} of 200, still public ${throttled.stillPublic}, errors ${throttled.row.errors}\n`);
    }
    for (const n of sizes) {
      const sandbox = await startSandbox({ estate: syntheticEstate(n), pageSize: 50 });
      const store = await openStore({ kind: 'connection-string', connectionString: azurite.connectionString }, { tablePrefix: `bench${n}${Date.now() % 100000}` });
      const ctx = createGuardContext({
        arm: { endpoint: sandbox.endpoint, credential: sandbox.credential(), ca: sandbox.ca, pollIntervalMs: 5 },
        store,
        config: guardConfigSchema.parse({ maxWritesPerRun: 1000 }),
      });
      const measure = async (scenario: string, fn: () => Promise<unknown>) => {
        sandbox.clearRequests();
        const tx0 = store.stats().transactions;
        global.gc?.();
        const t0 = performance.now();
        await fn();
        const ms = performance.now() - t0;
        rows.push({
          scenario,
          workspaces: n,
          ms: Math.round(ms),
          armCalls: sandbox.requests.length,
          armWrites: sandbox.requests.filter(isWriteRequest).length,
          tableTransactions: store.stats().transactions - tx0,
          heapMiB: Math.round(process.memoryUsage().heapUsed / 1048576),
        });
      };
      await measure('first sweep (fixes half)', () => sweep(ctx, { subscriptions: [], budget: new WriteBudget(1000) }));
      await measure('second sweep (compliant)', () => sweep(ctx, { subscriptions: [], budget: new WriteBudget(1000) }));

      // Event path: a user re-opens 10 workspaces; each event is handled like a queue delivery.
      const events: EventGridEvent[] = [];
      const stop = sandbox.onEvent((e) => {
        if (e.data.claims && JSON.stringify(e.data.claims).includes(USER_PRINCIPAL.oid)) events.push(e);
      });
      const targets = syntheticEstate(n).filter((r) => r.type.endsWith('/workspaces')).slice(0, 10);
      for (const ws of targets) {
        const p = parseArmId(ws.id);
        const user = new AzureMachineLearningWorkspaces(sandbox.credential(USER_PRINCIPAL), p.subscriptionId, { endpoint: sandbox.endpoint, apiVersion: API_VERSIONS.machineLearning, tlsOptions: { ca: sandbox.ca } });
        await user.workspaces.beginUpdateAndWait(p.resourceGroup!, p.names[0]!, { publicNetworkAccess: 'Enabled' }, { updateIntervalInMs: 5 });
      }
      await new Promise((r) => setTimeout(r, 300));
      stop();
      const latencies: number[] = [];
      await measure(`${events.length} events (user re-opens)`, async () => {
        for (const e of events) {
          const t = performance.now();
          await handleEventMessage(ctx, [e]);
          latencies.push(performance.now() - t);
        }
      });
      latencies.sort((a, b) => a - b);
      const pct = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0);
      process.stderr.write(`n=${n}: event latency p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms\n`);
      await sandbox.close();
    }
  } finally {
    await azurite.stop();
  }
  printTable('Event path (in-process sandbox)', rows);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
