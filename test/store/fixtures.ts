import type { AuditEntry, Finding, GuardException } from '../../src/model';

export const SUB = '00000000-0000-0000-0000-0000000000aa';
export const SUB_UPPER = SUB.toUpperCase();
export const OTHER_SUB = '11111111-2222-3333-4444-555555555555';
export const RG = `/subscriptions/${SUB}/resourceGroups/RG-ML`;
export const WS = `${RG}/providers/Microsoft.MachineLearningServices/workspaces/WS1`;
export const COMPUTE = `${WS}/computes/Cpu-Cluster`;
export const WS10 = `${RG}/providers/Microsoft.MachineLearningServices/workspaces/WS10`;

export function finding(over: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'AML-WS-001',
    resourceId: WS,
    subscriptionId: SUB,
    severity: 'high',
    status: 'open',
    title: 'Workspace allows public network access',
    evidence: { publicNetworkAccess: 'Enabled', nested: { list: [1, 2, null, true] } },
    firstSeen: '2025-01-02T03:04:05.000Z',
    lastSeen: '2025-01-02T03:04:05.000Z',
    ...over,
  };
}

export function auditEntry(at: string, over: Partial<AuditEntry> = {}): AuditEntry {
  return { at, category: 'remediation', actor: 'aml-guard', action: 'set-property', outcome: 'applied', resourceId: WS, ruleId: 'AML-WS-001', ...over };
}

let n = 0;
export function exception(over: Partial<GuardException> = {}): GuardException {
  n++;
  return {
    id: `exc-${Date.now().toString(36)}-${n}`,
    subscriptionId: SUB,
    scope: WS,
    ruleId: 'AML-WS-001',
    status: 'approved',
    reason: 'vendor integration needs it for a week',
    durationHours: 168,
    requestedBy: 'alice@example.com',
    createdAt: '2025-01-01T00:00:00.000Z',
    approvedBy: 'bob@example.com',
    approvedAt: '2025-01-01T01:00:00.000Z',
    expiresAt: '2025-01-08T01:00:00.000Z',
    ...over,
  };
}
