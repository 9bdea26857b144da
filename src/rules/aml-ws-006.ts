import { z } from 'zod';
import { fail, pass, ResourceTypes, resourceTypeOf, type Rule } from '../model';
import { workspacePosture } from './dependencies/workspace-posture';

const connectionProps = z.looseObject({
  authType: z.string().nullish().catch(null),
  category: z.string().nullish().catch(null),
  target: z.string().nullish().catch(null),
  isSharedToAll: z.boolean().nullish().catch(null),
  expiryTime: z.string().nullish().catch(null),
});

/** Auth types that store a long-lived secret in the connection (ServicePrincipal: with its client secret). */
const LONG_LIVED = new Set(['pat', 'accountkey', 'accesskey', 'apikey', 'sas', 'usernamepassword', 'customkeys', 'serviceprincipal']);

/**
 * AML-WS-006: credentials that do not expire on their own. A workspace connection whose `authType`
 * stores a long-lived secret (PAT, AccountKey, AccessKey, ApiKey, SAS, UsernamePassword,
 * CustomKeys, ServicePrincipal with a secret) — worse when `isSharedToAll` — or whose
 * `expiryTime` has passed; and a workspace whose system datastores use the storage account key
 * (`systemDatastoresAuthMode` AccessKey). ManagedIdentity / AAD / None pass. Secrets are never
 * read: ARM's GET does not return them, and the evidence names only the auth type.
 */
export const amlWs006: Rule = {
  id: 'AML-WS-006',
  title: 'Workspace connection or datastore uses a long-lived credential',
  severity: 'medium',
  rationale: 'Keys, tokens and passwords stored in a workspace outlive the people who created them and work from anywhere: identities expire and are audited.',
  benchmark: 'IM-8',
  defaultMode: 'audit',
  remediation: 'report: switch the connection to ManagedIdentity / Entra ID (and the workspace to identity-based system datastores)',
  appliesTo: [ResourceTypes.workspaceConnection, ResourceTypes.workspace],
  needs: [],
  proposes: [],
  evaluate({ subject, now }) {
    if (resourceTypeOf(subject.id) === ResourceTypes.workspace) {
      const mode = workspacePosture(subject).systemDatastoresAuthMode;
      if (mode?.toLowerCase() !== 'accesskey') return pass;
      return fail({ evidence: { systemDatastoresAuthMode: mode }, actions: [], remediation: 'switch the workspace systemDatastoresAuthMode to Identity (system datastores then use Entra ID, not the storage key)' });
    }
    const p = connectionProps.safeParse(subject.properties ?? {}).data;
    const authType = p?.authType ?? null;
    const longLived = authType !== null && LONG_LIVED.has(authType.toLowerCase());
    const expiry = p?.expiryTime ? Date.parse(p.expiryTime) : NaN;
    const expired = Number.isFinite(expiry) && expiry <= now.getTime();
    if (!longLived && !expired) return pass;
    const shared = p?.isSharedToAll === true;
    const lines = [
      longLived ? `authType ${authType} stores a long-lived secret${shared ? ', shared with every project of the workspace' : ''}` : null,
      expired ? `its credential expired at ${p?.expiryTime}` : null,
    ].filter((l) => l !== null);
    return fail({
      evidence: { authType, category: p?.category ?? null, target: p?.target ?? null, isSharedToAll: shared, expiryTime: p?.expiryTime ?? null, expired },
      actions: [],
      remediation: `connection ${subject.name}: ${lines.join('; ')} — recreate it with ManagedIdentity (or AAD)`,
    });
  },
};
