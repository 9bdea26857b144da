import { z } from 'zod';
import { fail, pass, ResourceTypes, type RemediationAction, type Rule } from '../model';
import { withBreakWarning } from './dependencies/break-risks';

const text = z.string().nullish().catch(null);
const connection = z.looseObject({
  properties: z.looseObject({ registryPrivateLinkServiceConnectionState: z.looseObject({ status: text }).nullish().catch(null) }).nullish().catch(null),
});
const props = z.looseObject({ publicNetworkAccess: text, registryPrivateEndpointConnections: z.array(z.unknown()).nullish().catch(null) });

/**
 * AML-SUP-004: an Azure ML registry (models, environments and components shared across
 * workspaces) is reachable from the internet: `publicNetworkAccess` is not Disabled (missing =
 * exposed) or no `registryPrivateEndpointConnections` entry is Approved. The fix sets
 * publicNetworkAccess Disabled — the registry's PATCH only takes tags, sku and identity, so the
 * smallest write the API accepts is a PUT of the registry as read with that one property changed.
 */
export const amlSup004: Rule = {
  id: 'AML-SUP-004',
  title: 'Azure ML registry is reachable from the internet',
  severity: 'high',
  rationale: 'A public ML registry lets anyone with a token pull or push the models and environments every workspace deploys.',
  benchmark: 'NS-2',
  defaultMode: 'enforce',
  remediation: 'set the registry publicNetworkAccess = Disabled (PUT of the registry as read, one property changed)',
  appliesTo: [ResourceTypes.mlRegistry],
  needs: [],
  proposes: [{ kind: 'set-property', property: 'publicNetworkAccess', on: [ResourceTypes.mlRegistry] }],
  evaluate({ subject }) {
    const p = props.safeParse(subject.properties ?? {}).data;
    const publicNetworkAccess = p?.publicNetworkAccess ?? null;
    const isPublic = publicNetworkAccess?.toLowerCase() !== 'disabled';
    const approved = (p?.registryPrivateEndpointConnections ?? []).filter((c) => connection.safeParse(c).data?.properties?.registryPrivateLinkServiceConnectionState?.status?.toLowerCase() === 'approved').length;
    if (!isPublic && approved > 0) return pass;
    const actions: RemediationAction[] = isPublic ? [{ kind: 'set-property', resourceId: subject.id, path: ['publicNetworkAccess'], value: 'Disabled' }] : [];
    const risks = approved === 0 ? [`${subject.name} has no approved private endpoint: whatever reaches it today does so over its public endpoint`] : [];
    return fail({
      evidence: { publicNetworkAccess, approvedPrivateEndpoints: approved },
      actions,
      remediation: isPublic ? withBreakWarning('set publicNetworkAccess to Disabled', risks) : 'add a private endpoint to the registry (groupId amlregistry) and approve it',
    });
  },
};
