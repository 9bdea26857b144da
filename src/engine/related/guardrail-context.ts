import { idKey, parentResourceId, parseArmId, parsePolicySetDefinitionId, ResourceTypes, subscriptionScope, type ArmResource } from '../../model';
import { parseAssetReference } from '../../rules/supply-chain/asset-reference';
import { describeArmError, isRefused } from '../../azure/arm-error';
import { ArmReadError } from '../arm-read-error';
import type { GuardContext } from '../context';
import type { Gatherer, Gathered } from './gatherer';
import { readAllRelated } from './read-related';
import { z } from 'zod';

const deploymentProps = z.looseObject({ environmentId: z.string().nullish().catch(null) });
const assignedDefinition = z.looseObject({ policyDefinitionId: z.string().nullish().catch(null) });

/** Runs a list read, naming what failed. */
async function listed(what: string, read: () => Promise<ArmResource[]>): Promise<ArmResource[]> {
  try {
    return await read();
  } catch (error) {
    throw new ArmReadError(what, error);
  }
}

/** Online deployment: its endpoint (traffic), its workspace (managed network, registry) and the workspace environment version it runs. */
async function deploymentContext(ctx: GuardContext, deployment: ArmResource): Promise<Gathered> {
  const endpointId = parentResourceId(deployment.id);
  const workspaceId = endpointId === undefined ? undefined : parentResourceId(endpointId);
  const environmentId = deploymentProps.safeParse(deployment.properties ?? {}).data?.environmentId;
  const environment = environmentId && workspaceId ? parseAssetReference(environmentId, 'environments', workspaceId) : undefined;
  const ids = [endpointId, workspaceId, environment?.source === 'workspace' ? (environment.armId ?? undefined) : undefined].filter((id) => id !== undefined);
  return { resources: await readAllRelated(ctx, ids) };
}

/** Online endpoint: its deployments, discovered so a sweep evaluates them. */
async function endpointDeployments(ctx: GuardContext, endpoint: ArmResource): Promise<Gathered> {
  const deployments = await listed(`${endpoint.id} (deployments)`, () => ctx.reader.listDeployments(endpoint.id));
  return { discovered: deployments.map((d) => d.id), discoveredSnapshots: deployments };
}

async function workspaceDiagnostics(ctx: GuardContext, workspace: ArmResource): Promise<Gathered> {
  return { resources: await listed(`${workspace.id} (diagnosticSettings)`, () => ctx.reader.listDiagnosticSettings(workspace.id)) };
}

/** Resource group: its workspaces and the budgets at the group and at its subscription. */
async function resourceGroupBudgets(ctx: GuardContext, group: ArmResource): Promise<Gathered> {
  const [workspaces, atGroup, atSubscription] = await Promise.all([
    listed(`${group.id} (workspaces)`, () => ctx.reader.listWorkspacesInGroup(group.id)),
    listed(`${group.id} (budgets)`, () => ctx.reader.listBudgets(group.id)),
    listed(`${subscriptionScope(group.id)} (budgets)`, () => ctx.reader.listBudgets(subscriptionScope(group.id))),
  ]);
  return { resources: [...workspaces, ...atGroup, ...atSubscription] };
}

/**
 * Subscription: the policy assignments that apply to it, and the policy set definitions
 * (initiatives) they assign, each distinct set read once (built in, at a management group or at a
 * subscription); a set that is gone (404), or that AML Guard may not read (403: a management
 * group it holds no role at), is left out: its assignment guards nothing.
 */
async function subscriptionPolicies(ctx: GuardContext, subscription: ArmResource): Promise<Gathered> {
  const subscriptionId = parseArmId(subscription.id).subscriptionId;
  const assignments = await listed(`${subscription.id} (policyAssignments)`, () => ctx.reader.listPolicyAssignments(subscriptionId));
  const setIds = new Map<string, string>();
  for (const a of assignments) {
    const id = assignedDefinition.safeParse(a.properties ?? {}).data?.policyDefinitionId;
    if (id && parsePolicySetDefinitionId(id) !== undefined && !setIds.has(idKey(id))) setIds.set(idKey(id), id);
  }
  const sets = await Promise.all(
    [...setIds.values()].map(async (id) => {
      try {
        return await ctx.reader.getPolicySetDefinition(id, subscriptionId);
      } catch (error) {
        // A set at a management group where AML Guard holds no role: judged as not guarding (the
        // rule says why), not a failed sweep; the log names the missing grant.
        if (isRefused(error)) {
          ctx.log.warn(`${subscription.id}: cannot read policy set definition ${id} (${describeArmError(error)}): grant Microsoft.Authorization/policySetDefinitions/read at its scope to judge AML-GOV-003 on it`);
          return null;
        }
        throw new ArmReadError(id, error);
      }
    }),
  );
  return { resources: [...assignments, ...sets.filter((s) => s !== null)] };
}

/** Subscription: its Azure ML registries, discovered so a sweep evaluates them (they hang off no workspace). */
async function subscriptionRegistries(ctx: GuardContext, subscription: ArmResource): Promise<Gathered> {
  const registries = await listed(`${subscription.id} (ML registries)`, () => ctx.reader.listMlRegistries(subscription.name));
  return { discovered: registries.map((r) => r.id), discoveredSnapshots: registries };
}

/** Gatherers of issue 12's rules: deployments, endpoints, workspace diagnostics, budgets, policy, ML registries. */
export const GUARDRAIL_GATHERERS: readonly Gatherer[] = [
  { name: 'deployment-context', appliesTo: [ResourceTypes.onlineDeployment], serves: ['parentWorkspace', 'parentEndpoint', 'deploymentEnvironment'], gather: deploymentContext },
  { name: 'endpoint-deployments', appliesTo: [ResourceTypes.onlineEndpoint], serves: [], keeps: 'discovery', sweepOnly: true, gather: endpointDeployments },
  { name: 'workspace-diagnostics', appliesTo: [ResourceTypes.workspace], serves: ['diagnosticSettings'], armOnly: { changedBy: [ResourceTypes.diagnosticSetting] }, gather: workspaceDiagnostics },
  { name: 'resource-group-budgets', appliesTo: [ResourceTypes.resourceGroup], serves: ['resourceGroupBudgets'], armOnly: { changedBy: [ResourceTypes.budget] }, gather: resourceGroupBudgets },
  { name: 'subscription-policies', appliesTo: [ResourceTypes.subscription], serves: ['policyAssignments'], armOnly: { changedBy: [ResourceTypes.policyAssignment, ResourceTypes.policySetDefinition] }, gather: subscriptionPolicies },
  { name: 'subscription-registries', appliesTo: [ResourceTypes.subscription], serves: [], keeps: 'discovery', sweepOnly: true, gather: subscriptionRegistries },
];
