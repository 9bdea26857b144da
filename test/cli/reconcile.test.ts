import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store';
import { onlyRules, runCli } from '../support/cli';
import { workspace } from '../support/harness';
import { testConnection, uniqueTablePrefix } from '../support/store';

const SUB = '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e';
const dir = mkdtempSync(path.join(tmpdir(), 'aml-guard-reconcile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const PUBLIC = workspace(SUB, 'rg-pilot', 'ws-pilot', { publicNetworkAccess: 'Enabled' });
const estate = path.join(dir, 'estate.json');
writeFileSync(estate, JSON.stringify([PUBLIC]));

/** A store (own tables) holding an approved AML-WS-001 exception on the public workspace that expired an hour ago. */
async function storeWithExpiredException(): Promise<string> {
  const prefix = uniqueTablePrefix();
  const store = await openStore(testConnection(), { tablePrefix: prefix });
  const hourAgo = new Date(Date.now() - 3600_000).toISOString();
  await store.exceptions.create({
    id: 'exc-pilot',
    subscriptionId: SUB,
    scope: PUBLIC.id,
    ruleId: 'AML-WS-001',
    status: 'approved',
    reason: 'pilot',
    durationHours: 24,
    requestedBy: 'alice',
    createdAt: new Date(Date.now() - 25 * 3600_000).toISOString(),
    approvedBy: 'bob',
    approvedAt: new Date(Date.now() - 23 * 3600_000).toISOString(),
    expiresAt: hourAgo,
  });
  return prefix;
}

type Out = { actions: { resourceId: string; outcome: string; before?: unknown; after?: unknown }[] };
const access = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as { properties: { publicNetworkAccess: string } }[])[0]!.properties.publicNetworkAccess;

describe('aml-guard exceptions reconcile', () => {
  it('re-evaluates what an ended exception covered: without --remediate the fix is planned and the estate unchanged; with it the fix lands', async () => {
    const planOut = path.join(dir, 'plan.json');
    const plan = await runCli(['exceptions', 'reconcile', '--sandbox', estate, '--sandbox-out', planOut, '--format', 'json'], { ...onlyRules('AML-WS-001'), AMLGUARD_TABLE_PREFIX: await storeWithExpiredException() });
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stderr).toMatch(/1 exception\(s\) ended/);
    expect((JSON.parse(plan.stdout) as Out).actions).toEqual([expect.objectContaining({ resourceId: PUBLIC.id, outcome: 'planned', before: 'Enabled', after: 'Disabled' })]);
    expect(access(planOut)).toBe('Enabled');

    const fixOut = path.join(dir, 'fixed.json');
    const fix = await runCli(['exceptions', 'reconcile', '--remediate', '--sandbox', estate, '--sandbox-out', fixOut, '--format', 'json'], { ...onlyRules('AML-WS-001'), AMLGUARD_TABLE_PREFIX: await storeWithExpiredException() });
    expect(fix.code, fix.stderr).toBe(0);
    expect((JSON.parse(fix.stdout) as Out).actions).toEqual([expect.objectContaining({ resourceId: PUBLIC.id, outcome: 'applied' })]);
    expect(access(fixOut)).toBe('Disabled');
  }, 60_000);
});
