import { z } from 'zod';
import { fail, parentResourceId, pass, ResourceTypes, type Rule } from '../model';
import { parentWorkspaceIsolation } from './compute/workspace-isolation';
import { isSecretReference, looksLikeSecretName } from './endpoints/secret-like-keys';

const deploymentProps = z.looseObject({
  egressPublicNetworkAccess: z.string().nullish().catch(null),
  environmentVariables: z.record(z.string(), z.unknown()).nullish().catch(null),
});

/**
 * AML-END-003: an online deployment can send data anywhere, or carries a credential in clear:
 * `egressPublicNetworkAccess` Enabled (missing = Enabled) while its workspace has no managed
 * network isolation (with one, egress is the managed network's to control); or an
 * `environmentVariables` entry whose name looks like a secret holds a literal value (not a
 * `${{...}}` or Key Vault reference). Evidence names the variable, never its value.
 */
export const amlEnd003: Rule = {
  id: 'AML-END-003',
  title: 'Online deployment has open egress or a secret in its environment variables',
  severity: 'medium',
  rationale: 'A scoring container with open egress can ship the data it is sent anywhere; a literal secret in its settings is readable by everyone who can read the deployment.',
  benchmark: 'IM-8',
  defaultMode: 'audit',
  remediation: 'report: redeploy with egressPublicNetworkAccess Disabled (or enable the workspace managed network); move secrets to Key Vault references',
  appliesTo: [ResourceTypes.onlineDeployment],
  needs: ['parentWorkspace'],
  proposes: [],
  evaluate({ subject, related }) {
    const p = deploymentProps.safeParse(subject.properties ?? {}).data;
    const egress = p?.egressPublicNetworkAccess ?? null;
    const endpointId = parentResourceId(subject.id) ?? subject.id;
    const isolation = parentWorkspaceIsolation(endpointId, related);
    const openEgress = egress?.toLowerCase() !== 'disabled' && !isolation.managed;
    const secretKeys = Object.entries(p?.environmentVariables ?? {})
      .filter(([name, value]) => looksLikeSecretName(name) && typeof value === 'string' && value.trim() !== '' && !isSecretReference(value))
      .map(([name]) => name);
    if (!openEgress && secretKeys.length === 0) return pass;
    const lines = [
      openEgress ? `egress is open (egressPublicNetworkAccess ${egress ?? 'not set: Enabled'}, workspace managed network ${isolation.isolationMode ?? (isolation.known ? 'none' : 'unknown')})` : null,
      secretKeys.length ? `environment variable(s) ${secretKeys.join(', ')} hold a literal secret` : null,
    ].filter((l) => l !== null);
    return fail({
      evidence: { egressPublicNetworkAccess: egress, managedNetworkIsolationMode: isolation.isolationMode, openEgress, secretEnvironmentVariables: secretKeys },
      actions: [],
      remediation: `${lines.join('; ')} — redeploy with egressPublicNetworkAccess Disabled and Key Vault references`,
    });
  },
};
