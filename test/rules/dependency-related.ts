import { SnapshotSet } from '../../src/engine/related';
import { guardConfigSchema, type ArmResource, type GuardConfig, type ResourceLink, type Rule, type RuleVerdict } from '../../src/model';
import { dependencyRelationOf } from '../../src/rules/dependencies/workspace-dependencies';
import { exampleResource } from '../support/fixtures';

/** The official 2025-12-01 workspace: private, an approved private endpoint, AllowOnlyApprovedOutbound; its storage account lives in another resource group. */
export const OFFICIAL_WS = (): ArmResource => exampleResource('arm-examples/machinelearningservices/2025-12-01/Workspace/get.json');

/** The dependency ids the official workspace references. */
export function officialDependency(kind: 'storageAccount' | 'keyVault' | 'containerRegistry'): string {
  return String(OFFICIAL_WS().properties?.[kind]);
}

/** Related snapshots as the dependency gatherer leaves them: the workspaces, and index links from each to `dependency` (`linkId` spells the target). */
export function linkedBy(dependency: ArmResource, workspaces: readonly ArmResource[], extra: readonly ArmResource[] = [], linkId = dependency.id): SnapshotSet {
  const relation = dependencyRelationOf(dependency.id)!;
  const links: ResourceLink[] = workspaces.map((w) => ({ sourceId: w.id, targetId: linkId, relation }));
  return new SnapshotSet([...workspaces, ...extra], links);
}

export function withProps(resource: ArmResource, props: Record<string, unknown>): ArmResource {
  return { ...resource, properties: { ...(resource.properties ?? {}), ...props } };
}

export function evaluator(rule: Rule, config: Partial<GuardConfig> = {}) {
  const parsed = guardConfigSchema.parse(config);
  return (subject: ArmResource, related = new SnapshotSet()): RuleVerdict => rule.evaluate({ subject, related, config: parsed, now: new Date('2026-11-25T00:00:00Z') });
}

export function failed(v: RuleVerdict) {
  if (v.status !== 'fail') throw new Error(`expected a failing verdict, got ${v.status}`);
  return v;
}
