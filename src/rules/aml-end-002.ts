import { z } from 'zod';
import { fail, pass, ResourceTypes, type Rule } from '../model';

const endpointProps = z.looseObject({ authMode: z.string().nullish().catch(null) });

/**
 * AML-END-002: an online endpoint authenticates callers with keys (`authMode: Key`): static
 * secrets that never expire, are shared by copy and bypass Entra ID. AMLToken and AADToken pass.
 * Changing the auth mode means recreating the endpoint: reported.
 */
export const amlEnd002: Rule = {
  id: 'AML-END-002',
  title: 'Online endpoint uses key authentication',
  severity: 'medium',
  rationale: 'Endpoint keys are long-lived shared secrets: whoever copied one keeps scoring access, with no identity in the logs.',
  benchmark: 'IM-1',
  defaultMode: 'audit',
  remediation: 'report: recreate the endpoint with authMode AADToken (or AMLToken)',
  appliesTo: [ResourceTypes.onlineEndpoint],
  needs: [],
  proposes: [],
  evaluate({ subject }) {
    const authMode = endpointProps.safeParse(subject.properties ?? {}).data?.authMode ?? null;
    if (authMode?.toLowerCase() !== 'key') return pass;
    return fail({ evidence: { authMode }, actions: [], remediation: `recreate ${subject.name} with authMode AADToken and move its callers to Entra ID tokens` });
  },
};
