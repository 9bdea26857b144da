import { describe, expect, it } from 'vitest';
import { ConfigError, configFromEnv, effectiveMode, guardConfigSchema, parseConfig } from '../../src/model';

const ids = ['AML-WS-001', 'AML-CMP-005'];

describe('configuration', () => {
  it('defaults are safe and complete', () => {
    const c = parseConfig({}, ids);
    expect(c).toMatchObject({ mode: 'enforce', maxWritesPerRun: 25, idleShutdownMax: 'PT4H', idleHours: 4, idleMaxStops: 50, requiredTags: ['owner'], exceptionMaxHours: 720, allowRoleAssignmentDeletion: false });
  });

  it('maps AMLGUARD_* variables, including per-rule modes and lists', () => {
    const raw = configFromEnv({ AMLGUARD_MODE: 'audit', AMLGUARD_RULE_MODES: 'AML-WS-001=enforce, AML-CMP-005=off', AMLGUARD_SUBSCRIPTIONS: 'a1b2c3d4-0000-4000-8000-000000000001;a1b2c3d4-0000-4000-8000-000000000002', AMLGUARD_MAX_WRITES_PER_RUN: '3', AMLGUARD_COPY_TAGS_FROM_RESOURCE_GROUP: 'true', AMLGUARD_REQUIRED_TAGS: 'owner,costCenter' });
    const c = parseConfig(raw, ids);
    expect(c.ruleModes).toEqual({ 'AML-WS-001': 'enforce', 'AML-CMP-005': 'off' });
    expect(c.subscriptions).toHaveLength(2);
    expect(c.maxWritesPerRun).toBe(3);
    expect(c.copyTagsFromResourceGroup).toBe(true);
    expect(c.requiredTags).toEqual(['owner', 'costCenter']);
  });

  it.each([
    [{ AMLGUARD_MODE: 'yolo' }, /mode/],
    [{ AMLGUARD_RULE_MODES: 'AML-XX-999=audit' }, /unknown rule id\(s\) AML-XX-999/],
    [{ AMLGUARD_RULE_MODES: 'AML-WS-001=sometimes' }, /ruleModes\.AML-WS-001/],
    [{ AMLGUARD_MAX_WRITES_PER_RUN: 'many' }, /maxWritesPerRun/],
    [{ AMLGUARD_MAX_WRITES_PER_RUN: '-1' }, /maxWritesPerRun/],
    [{ AMLGUARD_SUBSCRIPTIONS: 'not-a-guid' }, /subscriptions\.0/],
    [{ AMLGUARD_IDLE_SHUTDOWN_MAX: '4 hours' }, /idleShutdownMax: .*ISO 8601/],
    [{ AMLGUARD_COPY_TAGS_FROM_RESOURCE_GROUP: 'perhaps' }, /copyTagsFromResourceGroup/],
  ])('%j is a startup error that names the setting', (env, message) => {
    expect(() => parseConfig(configFromEnv(env), ids, 'env')).toThrow(ConfigError);
    expect(() => parseConfig(configFromEnv(env), ids, 'env')).toThrow(message);
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
