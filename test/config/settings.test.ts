import { describe, expect, it } from 'vitest';
import { ENVIRONMENT_VARIABLES, readSettings } from '../../src/config/settings';
import { ConfigError, effectiveMode, guardConfigSchema } from '../../src/model';
import { RULE_IDS } from '../../src/rules/catalog';

const ids = ['AML-WS-001', 'AML-CMP-005'];

describe('settings: the one reader of the environment', () => {
  it('defaults are safe and complete', () => {
    const s = readSettings({}, ids);
    expect(s.config).toEqual(guardConfigSchema.parse({}));
    expect(s.config).toMatchObject({ mode: 'enforce', maxWritesPerRun: 25, idleShutdownMax: 'PT4H', idleHours: 4, idleMaxStops: 50, requiredTags: ['owner'], exceptionMaxHours: 720, allowRoleAssignmentDeletion: false });
    expect(s.cloud).toEqual({ armEndpoint: 'https://management.azure.com', armAudience: 'https://management.azure.com' });
    expect(s.eventsQueue).toBe('aml-guard-events');
    expect(s.schedules).toEqual({ sweep: '0 0 */6 * * *', idleShutdown: '0 0 1 * * *', exceptionExpiry: '0 */15 * * * *' });
    expect(s.storage).toEqual({ tablePrefix: '' });
    expect(s.lroPollMs).toBe(2000);
    expect(s.auth.ok).toBe(false);
  });

  it('maps AMLGUARD_* variables, including per-rule modes and lists; blank means unset', () => {
    const s = readSettings(
      {
        AMLGUARD_MODE: 'audit',
        AMLGUARD_RULE_MODES: 'AML-WS-001=enforce, AML-CMP-005=off',
        AMLGUARD_SUBSCRIPTIONS: 'a1b2c3d4-0000-4000-8000-000000000001;a1b2c3d4-0000-4000-8000-000000000002',
        AMLGUARD_MAX_WRITES_PER_RUN: '3',
        AMLGUARD_COPY_TAGS_FROM_RESOURCE_GROUP: 'true',
        AMLGUARD_REQUIRED_TAGS: 'owner,costCenter',
        AMLGUARD_IDLE_HOURS: ' ',
      },
      ids,
    );
    expect(s.config.ruleModes).toEqual({ 'AML-WS-001': 'enforce', 'AML-CMP-005': 'off' });
    expect(s.config.subscriptions).toHaveLength(2);
    expect(s.config.maxWritesPerRun).toBe(3);
    expect(s.config.copyTagsFromResourceGroup).toBe(true);
    expect(s.config.requiredTags).toEqual(['owner', 'costCenter']);
    expect(s.config.idleHours).toBe(4);
  });

  it('a sovereign cloud: ARM endpoint and audience, authority host, identity, storage endpoints (as infra/main.json sets them)', () => {
    const s = readSettings(
      {
        AMLGUARD_ARM_ENDPOINT: 'https://management.chinacloudapi.cn/',
        AMLGUARD_ARM_AUDIENCE: 'https://management.core.chinacloudapi.cn/',
        AZURE_AUTHORITY_HOST: 'https://login.chinacloudapi.cn/',
        AZURE_CLIENT_ID: '0b1c2d3e-0000-4000-8000-000000000009',
        AMLGUARD_STORAGE_ACCOUNT: 'amlguardsa',
        AMLGUARD_STORAGE_TABLE_ENDPOINT: 'https://amlguardsa.table.core.chinacloudapi.cn',
        AMLGUARD_STORAGE_QUEUE_ENDPOINT: 'https://amlguardsa.queue.core.chinacloudapi.cn',
      },
      ids,
    );
    expect(s.cloud).toEqual({
      armEndpoint: 'https://management.chinacloudapi.cn',
      armAudience: 'https://management.core.chinacloudapi.cn',
      authorityHost: 'https://login.chinacloudapi.cn',
      managedIdentityClientId: '0b1c2d3e-0000-4000-8000-000000000009',
    });
    expect(s.storage).toMatchObject({ account: 'amlguardsa', tableEndpoint: 'https://amlguardsa.table.core.chinacloudapi.cn', queueEndpoint: 'https://amlguardsa.queue.core.chinacloudapi.cn' });
  });

  it.each([
    [{ AMLGUARD_MODE: 'yolo' }, /^invalid configuration: AMLGUARD_MODE: /],
    [{ AMLGUARD_RULE_MODES: 'AML-XX-999=audit' }, /AMLGUARD_RULE_MODES: unknown rule id\(s\) AML-XX-999/],
    [{ AMLGUARD_RULE_MODES: 'AML-WS-001=sometimes' }, /AMLGUARD_RULE_MODES\.AML-WS-001: /],
    [{ AMLGUARD_MAX_WRITES_PER_RUN: 'many' }, /AMLGUARD_MAX_WRITES_PER_RUN: /],
    [{ AMLGUARD_MAX_WRITES_PER_RUN: '-1' }, /AMLGUARD_MAX_WRITES_PER_RUN: /],
    [{ AMLGUARD_SUBSCRIPTIONS: 'not-a-guid' }, /AMLGUARD_SUBSCRIPTIONS\.0: /],
    [{ AMLGUARD_IDLE_SHUTDOWN_MAX: '4 hours' }, /AMLGUARD_IDLE_SHUTDOWN_MAX: .*ISO 8601/],
    [{ AMLGUARD_COPY_TAGS_FROM_RESOURCE_GROUP: 'perhaps' }, /AMLGUARD_COPY_TAGS_FROM_RESOURCE_GROUP: /],
    [{ AMLGUARD_SWEEP_SCHEDULE: '0 */6 * * *' }, /AMLGUARD_SWEEP_SCHEDULE: must be an NCRONTAB expression with six fields/],
    [{ AMLGUARD_EVENTS_QUEUE: 'Events_Queue' }, /AMLGUARD_EVENTS_QUEUE: must be a storage queue name/],
    [{ AMLGUARD_ARM_ENDPOINT: 'http://management.example.com' }, /AMLGUARD_ARM_ENDPOINT: must be an https URL/],
    [{ AMLGUARD_STORAGE_QUEUE_ENDPOINT: 'queue.core.windows.net' }, /AMLGUARD_STORAGE_QUEUE_ENDPOINT: must be an https URL/],
    [{ AZURE_CLIENT_ID: 'my-identity' }, /AZURE_CLIENT_ID: must be the client id/],
    [{ AMLGUARD_NOW: 'yesterday' }, /AMLGUARD_NOW: must be an ISO 8601 time/],
    [{ AMLGUARD_LRO_POLL_MS: 'fast' }, /AMLGUARD_LRO_POLL_MS: /],
  ])('%j is an error that names the variable', (env, message) => {
    expect(() => readSettings(env, ids)).toThrow(ConfigError);
    expect(() => readSettings(env, ids)).toThrow(message);
  });

  it('declares every AMLGUARD_* variable that src/ mentions (the sandbox\'s own excepted)', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const path = await import('node:path');
    const names = new Set<string>();
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = path.join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts')) for (const m of readFileSync(p, 'utf8').matchAll(/\bAMLGUARD_[A-Z_]+[A-Z]\b/g)) names.add(m[0]);
      }
    };
    walk(path.resolve(__dirname, '../../src'));
    const sandboxOwn = new Set(['AMLGUARD_SANDBOX_ENFORCE_ROLE']);
    const authOwn = new Set(['AMLGUARD_AUTH_ISSUER', 'AMLGUARD_AUTH_AUDIENCE', 'AMLGUARD_AUTH_JWKS_URI']);
    expect([...names].filter((n) => !ENVIRONMENT_VARIABLES.includes(n) && !sandboxOwn.has(n) && !authOwn.has(n)).sort()).toEqual([]);
  });

  it('the real catalog: AMLGUARD_RULE_MODES accepts every rule id', () => {
    expect(readSettings({ AMLGUARD_RULE_MODES: RULE_IDS.map((id) => `${id}=audit`).join(',') }, RULE_IDS).config.ruleModes).toEqual(Object.fromEntries(RULE_IDS.map((id) => [id, 'audit'])));
  });

  it('effective mode: explicit per-rule mode wins, global audit caps enforce defaults, off stays off', () => {
    const audit = guardConfigSchema.parse({ mode: 'audit', ruleModes: { 'AML-WS-001': 'enforce' } });
    expect(effectiveMode(audit, 'AML-WS-001', 'enforce')).toBe('enforce');
    expect(effectiveMode(audit, 'AML-CMP-005', 'enforce')).toBe('audit');
    expect(effectiveMode(audit, 'AML-CMP-006', 'audit')).toBe('audit');
    const enforce = guardConfigSchema.parse({ ruleModes: { 'AML-CMP-005': 'off' } });
    expect(effectiveMode(enforce, 'AML-CMP-005', 'enforce')).toBe('off');
    expect(effectiveMode(enforce, 'AML-WS-001', 'enforce')).toBe('enforce');
  });
});
