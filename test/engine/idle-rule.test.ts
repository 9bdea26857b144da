import { describe, expect, it } from 'vitest';
import { SnapshotSet } from '../../src/engine/related';
import { guardConfigSchema, type ArmResource } from '../../src/model';
import { amlCmp007, decideIdle } from '../../src/rules/aml-cmp-007';
import { RULE_IDS, watchedTypes } from '../../src/rules/catalog';
import { exampleResource } from '../support/fixtures';
import { cluster, computeInstance, hoursBefore, op, workspace } from './idle-estate';

const SUB = '5b0a4c7e-1d2f-4a3b-9c8d-7e6f5a4b3c2d';
const WS = workspace(SUB, 'rg-ml', 'ws-idle', { publicNetworkAccess: 'Disabled' }).id;
const NOW = new Date('2026-11-25T01:00:00.000Z');
const config = guardConfigSchema.parse({});
const verdict = (subject: ArmResource, now = NOW, idleHours = 4) =>
  amlCmp007.evaluate({ subject, related: new SnapshotSet(), config: { ...config, idleHours }, now });

describe('AML-CMP-007 idle compute instance (pure rule)', () => {
  it('is in the catalog, enforce by default, and never evaluated by events or the sweep (appliesTo is empty)', () => {
    expect(RULE_IDS).toContain('AML-CMP-007');
    expect(amlCmp007.defaultMode).toBe('enforce');
    expect(amlCmp007.appliesTo).toEqual([]);
    expect(watchedTypes([amlCmp007]).size).toBe(0);
  });

  it('the official get example (Running, no lastOperation) is NOT idle: nothing dates its activity', () => {
    const official = exampleResource('arm-examples/machinelearningservices/2025-12-01/Compute/get/ComputeInstance.json');
    expect(decideIdle(official, 4, NOW)).toMatchObject({ idle: false, reason: 'no-last-operation' });
    expect(verdict(official).status).toBe('pass');
    expect(verdict(computeInstance(WS, 'ci', { state: 'Running', lastOperation: null })).status).toBe('pass');
    expect(verdict(computeInstance(WS, 'ci', { state: 'Running', lastOperation: { operationName: 'Start', operationTime: 'yesterday' } })).status).toBe('pass');
  });

  it('exactly at the boundary (last start exactly 4 h ago) is idle; 1 ms later than that (4 h - 1 ms ago) is not', () => {
    const atBoundary = computeInstance(WS, 'ci', { state: 'Running', lastOperation: op('Start', hoursBefore(NOW, 4)) });
    const v = verdict(atBoundary);
    expect(v.status).toBe('fail');
    if (v.status !== 'fail') return;
    expect(v.actions).toEqual([{ kind: 'stop-compute', resourceId: atBoundary.id }]);
    expect(v.evidence).toMatchObject({ state: 'Running', lastOperation: 'Start', hoursSinceLastOperation: 4, idleWindowHours: 4 });

    const justInside = computeInstance(WS, 'ci', { state: 'Running', lastOperation: op('Start', hoursBefore(NOW, 4, 1)) });
    expect(decideIdle(justInside, 4, NOW)).toMatchObject({ idle: false, reason: 'recent-operation' });
    expect(verdict(justInside).status).toBe('pass');
  });

  it('just restarted / just created is not idle; the window follows config.idleHours', () => {
    expect(verdict(computeInstance(WS, 'ci', { state: 'Running', lastOperation: op('Restart', hoursBefore(NOW, 0.1)) })).status).toBe('pass');
    expect(verdict(computeInstance(WS, 'ci', { state: 'Running', lastOperation: op('Create', hoursBefore(NOW, 3)) })).status).toBe('pass');
    const started5h = computeInstance(WS, 'ci', { state: 'Running', lastOperation: op('Start', hoursBefore(NOW, 5), 'Succeeded', 'Schedule') });
    expect(verdict(started5h).status).toBe('fail');
    expect(verdict(started5h, NOW, 6).status).toBe('pass');
  });

  it('only state exactly Running is idle: JobRunning, Stopped, Starting, Stopping, Restarting, SettingUp are not', () => {
    for (const state of ['JobRunning', 'Stopped', 'Starting', 'Stopping', 'Restarting', 'SettingUp', 'Unusable', 'running']) {
      expect(verdict(computeInstance(WS, 'ci', { state, lastOperation: op('Start', hoursBefore(NOW, 48)) })).status, state).toBe('pass');
    }
  });

  it('an operation still in progress, or dated in the future (clock skew), is not idle', () => {
    expect(decideIdle(computeInstance(WS, 'ci', { state: 'Running', lastOperation: op('Stop', hoursBefore(NOW, 9), 'InProgress') }), 4, NOW)).toMatchObject({ idle: false, reason: 'operation-in-progress' });
    expect(verdict(computeInstance(WS, 'ci', { state: 'Running', lastOperation: op('Start', hoursBefore(NOW, -1)) })).status).toBe('pass');
  });

  it('a cluster (AmlCompute) is never judged, whatever its age', () => {
    expect(verdict(cluster(WS, 'cpu-cluster')).status).toBe('not-applicable');
  });
});
