import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TableClient } from '@azure/data-tables';
import { beforeAll, describe, expect, it } from 'vitest';
import { createGuardContext, handleEventMessage, sweep, WriteBudget, type GuardContext } from '../../src/engine';
import { idleShutdown } from '../../src/engine/idle-shutdown';
import { guardConfigSchema, parseArmId, sameId, type ArmResource } from '../../src/model';
import { startSandbox, USER_PRINCIPAL, SANDBOX_TENANT_ID, type Sandbox } from '../../src/sandbox';
import { resourceEvent } from '../../src/sandbox/events';
import { openStore, type GuardStore } from '../../src/store';
import { StorageOutage } from '../support/failing-storage';
import { testConnection, uniqueTablePrefix } from '../support/store';

/**
 * No ARM write without an audit intent first, whatever Table Storage does: every writer is driven
 * (the exposed estate fires each one), with Table Storage going away at its 1st, 2nd, ... nth
 * request of the run (a real connection failure), until the run needs no more requests. After
 * each run, every resource the sandbox saw written has an `attempting` audit entry.
 */
const ESTATE = JSON.parse(readFileSync(join(__dirname, '../../examples/exposed-estate.json'), 'utf8')) as ArmResource[];
const CONFIG = guardConfigSchema.parse({
  copyTagsFromResourceGroup: true,
  allowRoleAssignmentDeletion: true,
  ruleModes: { 'AML-GOV-001': 'enforce', 'AML-IAM-001': 'enforce' },
});
const byName = (name: string) => {
  const r = ESTATE.find((x) => x.id.endsWith(`/${name}`));
  if (!r) throw new Error(`${name} not in the exposed estate`);
  return r.id;
};
/** The subject of each writer's rule (NET-002 judges the public IP and writes its NIC). */
const SUBJECTS: Readonly<Record<string, string>> = {
  'set-property workspace (WS-001)': byName('ws-research-public'),
  'stop-compute (CMP-001)': byName('ci-research-alice'),
  'set-idle-shutdown (CMP-005)': byName('ci-vision-carol'),
  'set-property storage (DEP-001)': byName('stresearch'),
  'set-property key vault (DEP-001)': byName('kv-research'),
  'set-property registry admin user (DEP-003)': byName('crmlplatform'),
  'set-property online endpoint (END-001)': byName('ep-vision-scoring'),
  'set-tag (GOV-001)': byName('kv-vision'),
  'delete-role-assignment (IAM-001)': ESTATE.find((x) => x.type === 'Microsoft.Authorization/roleAssignments' && x.id.endsWith('4f6a8c0e-2b3d-4e5f-8a7b-9c0d1e2f3a41'))!.id,
  'delete-nsg-rule (NET-001)': byName('nsg-training'),
  'detach-public-ip (NET-002)': byName('pip-jumpbox-vision'),
};
/** Seeded from a read-only sweep: the link index (dependencies, subnets, identities) and its state. */
const SEEDED = ['links', 'state'] as const;

const conn = testConnection();
const connectionString = (conn as { connectionString: string }).connectionString;
let templatePrefix: string;

beforeAll(async () => {
  process.env.AMLGUARD_LRO_POLL_MS ??= '5';
  templatePrefix = uniqueTablePrefix();
  const sandbox = await startSandbox({ estate: ESTATE });
  try {
    const store = await openStore(conn, { tablePrefix: templatePrefix });
    await sweep(context(sandbox, store), { subscriptions: [], budget: new WriteBudget(0) });
  } finally {
    await sandbox.close();
  }
}, 60_000);

function context(sandbox: Sandbox, store: GuardStore): GuardContext {
  return createGuardContext({ arm: { endpoint: sandbox.endpoint, credential: sandbox.credential(), ca: sandbox.ca }, store, config: CONFIG, clock: () => new Date('2026-03-02T01:00:00Z') });
}

async function seed(prefix: string): Promise<void> {
  for (const role of SEEDED) {
    const from = TableClient.fromConnectionString(connectionString, `${templatePrefix}${role}`, { allowInsecureConnection: true });
    const to = TableClient.fromConnectionString(connectionString, `${prefix}${role}`, { allowInsecureConnection: true });
    for await (const e of from.listEntities<Record<string, unknown>>()) {
      const { etag: _etag, timestamp: _timestamp, partitionKey, rowKey, ...props } = e;
      await to.upsertEntity({ ...props, partitionKey: String(partitionKey), rowKey: String(rowKey) }, 'Replace');
    }
  }
}

/** One run with Table Storage gone from its `failFrom`th request; what was written and whether each write has its intent. */
async function runWithOutage(run: (ctx: GuardContext) => Promise<unknown>, failFrom: number): Promise<{ requests: number; writes: string[]; unaudited: string[] }> {
  const sandbox = await startSandbox({ estate: ESTATE });
  try {
    const prefix = uniqueTablePrefix();
    const healthy = await openStore(conn, { tablePrefix: prefix });
    await seed(prefix);
    const outage = new StorageOutage(failFrom);
    const failing = await openStore(conn, { tablePrefix: prefix, policies: [outage.policy], retryOptions: { maxRetries: 0 } });
    outage.arm();
    await run(context(sandbox, failing)).catch(() => undefined);
    const writes = sandbox.requests.filter((r) => r.method !== 'GET' && r.status < 400).map((r) => r.path.replace(/\/(stop|updateIdleShutdownSetting)$/, '').replace(/\/providers\/Microsoft\.Resources\/tags\/default$/, '').replace(/\/securityRules\/[^/]+$/, ''));
    const intents = (await healthy.audit.list({ since: '2026-01-01T00:00:00Z', until: '2026-12-31T00:00:00Z' })).filter((a) => a.outcome === 'attempting');
    const unaudited = writes.filter((w) => !intents.some((a) => a.resourceId !== undefined && sameId(a.resourceId, w)));
    return { requests: outage.requests, writes, unaudited };
  } finally {
    await sandbox.close();
  }
}

/** Runs with the outage at every request of the healthy run (n = 1 .. all), asserting each. */
async function walk(run: (ctx: GuardContext) => Promise<unknown>): Promise<{ runs: number; healthyWrites: number }> {
  const healthy = await runWithOutage(run, Number.POSITIVE_INFINITY);
  expect(healthy.writes.length, 'the writer writes when storage is up').toBeGreaterThan(0);
  expect(healthy.unaudited).toEqual([]);
  for (let n = 1; n <= healthy.requests; n++) {
    const r = await runWithOutage(run, n);
    expect(r.unaudited, `storage gone from request ${n}: ${r.writes.join(', ')}`).toEqual([]);
  }
  return { runs: healthy.requests + 1, healthyWrites: healthy.writes.length };
}

function userEventAbout(id: string) {
  return resourceEvent('write', id, parseArmId(id).subscriptionId, {
    method: 'PUT',
    url: `https://management.azure.com${id}`,
    armAction: `${parseArmId(id).provider ?? 'Microsoft.Resources'}/write`,
    claims: { oid: USER_PRINCIPAL.oid, appid: USER_PRINCIPAL.appId, name: USER_PRINCIPAL.name, tid: SANDBOX_TENANT_ID, exp: 4_000_000_000 },
    correlationId: 'c0ffee00-0000-4000-8000-000000000000',
    clientRequestId: 'c0ffee00-0000-4000-8000-000000000001',
    clientIpAddress: '10.0.0.1',
  });
}


describe('every writer, with Table Storage failing at each step: every changed resource has an audit intent', () => {
  for (const [writer, subject] of Object.entries(SUBJECTS)) {
    it(`${writer}: an event about ${subject.split('/').pop()}`, async () => {
      await walk((ctx) => handleEventMessage(ctx, [userEventAbout(subject)]));
    }, 120_000);
  }

  it('stop-compute (CMP-007): the nightly idle shutdown', async () => {
    await walk((ctx) => idleShutdown(ctx, { subscriptions: [], now: new Date('2026-03-02T01:00:00Z') }));
  }, 120_000);
});
