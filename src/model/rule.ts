import { ResourceTypes, type ArmResource } from './arm-resource';
import type { GuardConfig } from './config';
import type { JsonValue } from './json';
import type { Need } from './need';
import type { RemediationAction, RemediationKind } from './remediation';
import { resourceTypeOf } from './arm-id';
import type { Mode, Severity } from './severity';

/** Catalog entry: what a rule is, independent of any resource. */
export interface RuleMeta {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  /** One line: why this matters. */
  readonly rationale: string;
  /** Microsoft cloud security benchmark control(s), e.g. `NS-2`. */
  readonly benchmark: string;
  readonly defaultMode: Mode;
  /** One line: what the remediation does (or `report`). */
  readonly remediation: string;
  /** Resource types (lower case, see ResourceTypes) whose snapshots this rule evaluates. */
  readonly appliesTo: readonly string[];
  /** What it reads beyond the subject (see NEEDS); the engine gathers exactly these. Empty: the subject alone. */
  readonly needs: readonly Need[];
  /** Every write it may propose; a proposal outside this list is never performed. Empty: report only. */
  readonly proposes: readonly Proposal[];
}

/** A kind of write a rule may propose, on which resource types (for `set-property`, of which property). */
export type Proposal =
  | { readonly kind: Exclude<RemediationKind, 'set-property'>; readonly on: readonly string[] }
  | { readonly kind: 'set-property'; readonly on: readonly string[]; readonly property: string };

/** Whether a rule declares the action it proposed. */
export function declaresAction(rule: RuleMeta, action: RemediationAction): boolean {
  const type = resourceTypeOf(action.resourceId);
  return rule.proposes.some((p) => p.kind === action.kind && p.on.includes(type) && (p.kind !== 'set-property' || (action.kind === 'set-property' && action.path.join('.') === p.property)));
}

/** Why one resource matters to another: the link index (Table Storage), rebuilt by the sweep. */
export const LINK_RELATIONS = [
  'storageAccount', // workspace -> its storage account
  'keyVault', // workspace -> its key vault
  'containerRegistry', // workspace -> its container registry
  'privateEndpoint', // workspace -> one of its private endpoints
  'privateEndpointSubnet', // workspace -> the subnet of one of its private endpoints
  'computeSubnet', // compute -> the subnet it is injected into
  'kubernetesCluster', // AKS / Kubernetes compute -> the AKS cluster it is attached to
  'identity', // workspace / compute -> `/principals/{objectId}` of its managed identity
] as const;
export type LinkRelation = (typeof LINK_RELATIONS)[number];

/** The resource type each relation points at (an identity link points at a principal, not a resource). */
export const LINK_TARGET_TYPES: Readonly<Record<LinkRelation, string | undefined>> = {
  storageAccount: ResourceTypes.storageAccount,
  keyVault: ResourceTypes.keyVault,
  containerRegistry: ResourceTypes.containerRegistry,
  privateEndpoint: ResourceTypes.privateEndpoint,
  privateEndpointSubnet: ResourceTypes.subnet,
  computeSubnet: ResourceTypes.subnet,
  kubernetesCluster: ResourceTypes.managedCluster,
  identity: undefined,
};

/** Whether links can point at resources of this (lower-case) type: if not, there are none to look up. */
export function isLinkTargetType(type: string): boolean {
  return Object.values(LINK_TARGET_TYPES).includes(type);
}

export interface ResourceLink {
  readonly sourceId: string;
  readonly targetId: string;
  readonly relation: LinkRelation;
}

/** Resources fetched around the subject, keyed case-insensitively, plus the links that concern them. */
export interface RelatedResources {
  get(id: string): ArmResource | undefined;
  /** Every related resource of a type (lower-case type). */
  ofType(type: string): readonly ArmResource[];
  /** Links whose target is `id` (e.g. the workspaces that use a storage account, the computes in a subnet). */
  linksTo(id: string): readonly ResourceLink[];
}

export interface RuleInput {
  readonly subject: ArmResource;
  readonly related: RelatedResources;
  readonly config: GuardConfig;
  readonly now: Date;
}

/** A failing check: the rule fires on the subject. */
export interface Violation {
  /** Small, JSON-serialisable facts a person needs to see why. */
  readonly evidence: Record<string, JsonValue>;
  /** Writes that fix it, smallest first; empty = report only. */
  readonly actions: readonly RemediationAction[];
  /** One line for people: what is (or would be) done. */
  readonly remediation: string;
}

export interface Rule extends RuleMeta {
  /**
   * Pure: evaluates the subject. `null` = the rule does not apply to this subject
   * (any open finding resolves), `undefined`-free: pass is `{ pass: true }`.
   */
  evaluate(input: RuleInput): RuleVerdict;
}

export type RuleVerdict = { readonly status: 'not-applicable' } | { readonly status: 'pass' } | ({ readonly status: 'fail' } & Violation);

export const notApplicable: RuleVerdict = { status: 'not-applicable' };
export const pass: RuleVerdict = { status: 'pass' };
export function fail(v: Violation): RuleVerdict {
  return { status: 'fail', ...v };
}
