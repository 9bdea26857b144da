import { z } from 'zod';
import { fail, pass, ResourceTypes, type Rule } from '../model';

const props = z.looseObject({
  encryption: z.looseObject({ status: z.string().nullish().catch(null), keyVaultProperties: z.looseObject({ keyIdentifier: z.string().nullish().catch(null) }).nullish().catch(null) }).nullish().catch(null),
  v1LegacyMode: z.boolean().nullish().catch(null),
});

/**
 * AML-WS-008: a workspace whose data is encrypted with Microsoft-managed keys (no
 * `encryption.status` Enabled with a Key Vault key), or that runs in v1 legacy mode (the v1 API
 * surface, outside the v2 network isolation). Off by default: customer-managed keys are an
 * organisation's choice (they cost and can only be set at creation).
 */
export const amlWs008: Rule = {
  id: 'AML-WS-008',
  title: 'Workspace is not encrypted with a customer-managed key, or runs in v1 legacy mode',
  severity: 'low',
  rationale: 'Regulated data may require keys the organisation controls and can revoke; v1 legacy mode keeps an older API surface open.',
  benchmark: 'DP-5',
  defaultMode: 'off',
  remediation: 'report: recreate the workspace with a customer-managed key; turn v1LegacyMode off',
  appliesTo: [ResourceTypes.workspace],
  needs: [],
  proposes: [],
  evaluate({ subject }) {
    const p = props.safeParse(subject.properties ?? {}).data;
    const status = p?.encryption?.status ?? null;
    const cmk = status?.toLowerCase() === 'enabled' && Boolean(p?.encryption?.keyVaultProperties?.keyIdentifier);
    const legacy = p?.v1LegacyMode === true;
    if (cmk && !legacy) return pass;
    const lines = [cmk ? null : 'data is encrypted with Microsoft-managed keys (recreate with a customer-managed key)', legacy ? 'v1LegacyMode is true (turn it off)' : null].filter((l) => l !== null);
    return fail({ evidence: { encryptionStatus: status, customerManagedKey: cmk, v1LegacyMode: legacy }, actions: [], remediation: lines.join('; ') });
  },
};
