import { z } from 'zod';
import { fail, notApplicable, pass, resourceTypeOf, ResourceTypes, type ArmResource, type Rule, type RuleVerdict } from '../model';
import { publicAccessBreakRisks, withBreakWarning } from './dependencies/break-risks';
import { linkingWorkspaces } from './dependencies/linking-workspaces';
import { approvedConnectionCount } from './dependencies/private-endpoint-connections';
import { workspacePosture } from './dependencies/workspace-posture';

const text = z.string().nullish().catch(null);
const ruleSet = z.looseObject({ defaultAction: text }).nullish().catch(null);
/** Storage and Key Vault keep their firewall in `networkAcls`, Container Registry in `networkRuleSet`. */
const props = z.looseObject({ publicNetworkAccess: text, networkAcls: ruleSet, networkRuleSet: ruleSet });
const sku = z.looseObject({ name: text }).nullish().catch(null);

/**
 * AML-DEP-001: a storage account, key vault or container registry that a workspace links (its
 * `storageAccount` / `keyVault` / `containerRegistry`) has `publicNetworkAccess` other than
 * Disabled. Missing counts as exposed (ARM's default is Enabled); for Storage and Key Vault a
 * missing value with firewall defaultAction Allow is open to all networks, with Deny to "selected
 * networks" — still a public endpoint, so both fire, and the evidence says which. A resource no
 * workspace links is not AML Guard's business (not-applicable).
 *
 * The fix is enforced, but closing a dependency's public endpoint breaks a workspace that has no
 * private path to it: the evidence lists those risks and the remediation line says so. Two cases
 * are report-only: `SecuredByPerimeter` (a network security perimeter governs access on purpose),
 * and a registry below Premium (private access needs Premium; ARM would refuse the PATCH).
 */
export const amlDep001: Rule = {
  id: 'AML-DEP-001',
  title: "Workspace's storage account, key vault or container registry allows public network access",
  severity: 'high',
  rationale: "A workspace's storage, secrets and images reachable from the internet undo the workspace's own network isolation.",
  benchmark: 'NS-2',
  defaultMode: 'enforce',
  remediation: 'PATCH the linked resource: publicNetworkAccess = Disabled',
  appliesTo: [ResourceTypes.storageAccount, ResourceTypes.keyVault, ResourceTypes.containerRegistry],
  needs: ['linkingWorkspaces'],
  proposes: [{ kind: 'set-property', property: 'publicNetworkAccess', on: [ResourceTypes.storageAccount, ResourceTypes.keyVault, ResourceTypes.containerRegistry] }],
  evaluate({ subject, related }): RuleVerdict {
    const workspaces = linkingWorkspaces(subject, related);
    if (workspaces.length === 0) return notApplicable;
    const p = props.safeParse(subject.properties ?? {}).data;
    const value = p?.publicNetworkAccess ?? null;
    if (value?.toLowerCase() === 'disabled') return pass;
    const defaultAction = (resourceTypeOf(subject.id) === ResourceTypes.containerRegistry ? p?.networkRuleSet : p?.networkAcls)?.defaultAction ?? null;
    const postures = workspaces.map(workspacePosture);
    const risks = publicAccessBreakRisks(subject, postures);
    const evidence = {
      publicNetworkAccess: value,
      networkDefaultAction: defaultAction,
      exposure: value?.toLowerCase() === 'securedbyperimeter' ? 'network security perimeter' : defaultAction?.toLowerCase() === 'deny' ? 'selected networks' : 'all networks',
      approvedPrivateEndpoints: approvedConnectionCount(subject),
      linkedBy: postures.map((w) => w.id),
      breakRisks: risks,
    };
    const reportOnly = reportOnlyReason(subject, value);
    if (reportOnly) return fail({ evidence, actions: [], remediation: `report: ${reportOnly}` });
    return fail({
      evidence,
      actions: [{ kind: 'set-property', resourceId: subject.id, path: ['publicNetworkAccess'], value: 'Disabled' }],
      remediation: withBreakWarning('set publicNetworkAccess to Disabled', risks),
    });
  },
};

function reportOnlyReason(subject: ArmResource, value: string | null): string | undefined {
  if (value?.toLowerCase() === 'securedbyperimeter') {
    return 'access is governed by a network security perimeter; set publicNetworkAccess to Disabled by hand once the perimeter needs no inbound access';
  }
  const tier = sku.safeParse(subject.sku).data?.name ?? null;
  if (resourceTypeOf(subject.id) === ResourceTypes.containerRegistry && tier !== null && tier.toLowerCase() !== 'premium') {
    return `a ${tier} registry cannot be made private (private endpoints and disabling public access need Premium): upgrade it to Premium, add a private endpoint, then disable public access`;
  }
  return undefined;
}
