import { z } from 'zod';
import { fail, pass, ResourceTypes, type Rule } from '../model';

const endpointProps = z.looseObject({ publicNetworkAccess: z.string().nullish().catch(null) });

/**
 * AML-END-001: an online endpoint whose scoring URI is reachable from the internet:
 * `properties.publicNetworkAccess` is not Disabled (missing = Enabled, the service default).
 */
export const amlEnd001: Rule = {
  id: 'AML-END-001',
  title: 'Online endpoint public network access is not disabled',
  severity: 'high',
  rationale: 'A public scoring endpoint exposes the model, and whatever data it was trained on, to anyone holding a key or token.',
  benchmark: 'NS-2',
  defaultMode: 'enforce',
  remediation: 'set the online endpoint publicNetworkAccess = Disabled (PUT of the endpoint as read, one property changed)',
  appliesTo: [ResourceTypes.onlineEndpoint],
  needs: [],
  proposes: [{ kind: 'set-property', property: 'publicNetworkAccess', on: [ResourceTypes.onlineEndpoint] }],
  evaluate({ subject }) {
    const parsed = endpointProps.safeParse(subject.properties ?? {});
    const value = parsed.success ? (parsed.data.publicNetworkAccess ?? null) : null;
    if (value !== null && value.toLowerCase() === 'disabled') return pass;
    return fail({
      evidence: { publicNetworkAccess: value },
      actions: [{ kind: 'set-property', resourceId: subject.id, path: ['publicNetworkAccess'], value: 'Disabled' }],
      remediation: 'set publicNetworkAccess to Disabled (scoring only through the workspace private endpoint)',
    });
  },
};
