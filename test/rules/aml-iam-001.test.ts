import { describe, expect, it } from 'vitest';
import { SnapshotSet } from '../../src/engine/related';
import { guardConfigSchema, type ArmResource, type ResourceLink } from '../../src/model';
import { amlIam001 } from '../../src/rules/aml-iam-001';
import { exampleResource } from '../support/fixtures';
import { AUTHZ, CMP_SUB, computeId, CONTRIBUTOR, OWNER, READER, roleAssignment, USER_ACCESS_ADMIN, wsId } from '../support/compute-estate';

const PRINCIPAL = '6f1e2d3c-4b5a-4968-8776-655443322110';
const WS = wsId('rg-ml', 'ws');
const CI = computeId('rg-ml', 'ws', 'ci-1');
const SUB = `/subscriptions/${CMP_SUB}`;
const link = (sourceId: string, principal = PRINCIPAL, relation: ResourceLink['relation'] = 'identity'): ResourceLink => ({ sourceId, targetId: `/principals/${principal}`, relation });
const evaluate = (subject: ArmResource, links: readonly ResourceLink[] = [link(WS)], config: Record<string, unknown> = {}) =>
  amlIam001.evaluate({ subject, related: new SnapshotSet([], links), config: guardConfigSchema.parse(config), now: new Date('2026-11-25T00:00:00Z') });

describe('AML-IAM-001 privileged roles of ML managed identities', () => {
  it('is not applicable to the official example (a user, Reader-like role): its principal is no ML identity', () => {
    const official = exampleResource(`${AUTHZ}/RoleAssignments_Delete.json`, '200');
    expect(evaluate(official).status).toBe('not-applicable');
  });

  it('the official example, re-pointed at a workspace identity with Owner, fires (report only by default)', () => {
    const official = exampleResource(`${AUTHZ}/RoleAssignments_Delete.json`, '200');
    const subject = { ...official, properties: { ...official.properties, principalId: PRINCIPAL, roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${OWNER}` } };
    const v = evaluate(subject);
    expect(v.status).toBe('fail');
    if (v.status !== 'fail') return;
    expect(v.actions).toEqual([]);
    expect(v.evidence).toMatchObject({ role: 'Owner', scope: '/subscriptions/a925f2f7-5c63-4b7b-8799-25a5f97bc3b2', scopeLevel: 'subscription', principalId: PRINCIPAL, identityOf: [WS] });
    expect(v.remediation).toMatch(/deletion not enabled/);
  });

  it('fires for Owner, Contributor and User Access Administrator at subscription scope, for workspace and compute identities', () => {
    for (const role of [OWNER, CONTRIBUTOR, USER_ACCESS_ADMIN]) {
      const v = evaluate(roleAssignment(SUB, 'a1', PRINCIPAL, role), [link(WS), link(CI)]);
      expect(v.status === 'fail' && v.evidence.identityOf).toEqual([CI, WS].sort());
    }
  });

  it('proposes deleting the assignment only when deletion is enabled', () => {
    const ra = roleAssignment(SUB, 'a1', PRINCIPAL, OWNER);
    const v = evaluate(ra, [link(WS)], { allowRoleAssignmentDeletion: true });
    expect(v.status === 'fail' && v.actions).toEqual([{ kind: 'delete-role-assignment', resourceId: ra.id }]);
  });

  it('fires at management-group and tenant-root scope (declared in properties.scope)', () => {
    const mg = roleAssignment(SUB, 'a1', PRINCIPAL, OWNER, { scope: '/providers/Microsoft.Management/managementGroups/corp' });
    expect(evaluate(mg).status === 'fail' && (evaluate(mg) as { evidence: Record<string, unknown> }).evidence.scopeLevel).toBe('management-group');
    expect(evaluate(roleAssignment(SUB, 'a1', PRINCIPAL, OWNER, { scope: '/' })).status).toBe('fail');
  });

  it('passes narrower scopes and other roles', () => {
    expect(evaluate(roleAssignment(`${SUB}/resourceGroups/rg-ml`, 'a1', PRINCIPAL, OWNER)).status).toBe('pass');
    expect(evaluate(roleAssignment(`${WS}`, 'a1', PRINCIPAL, CONTRIBUTOR)).status).toBe('pass');
    expect(evaluate(roleAssignment(SUB, 'a1', PRINCIPAL, READER)).status).toBe('pass');
    expect(evaluate(roleAssignment(SUB, 'a1', PRINCIPAL, OWNER, { roleDefinitionId: null })).status).toBe('pass');
  });

  it('derives the scope from the id when properties.scope is missing', () => {
    const ra = roleAssignment(SUB, 'a1', PRINCIPAL, OWNER);
    const { scope: _s, ...props } = ra.properties ?? {};
    expect(evaluate({ ...ra, properties: props }).status).toBe('fail');
    const rg = roleAssignment(`${SUB}/resourceGroups/rg`, 'a2', PRINCIPAL, OWNER);
    const { scope: _t, ...rgProps } = rg.properties ?? {};
    expect(evaluate({ ...rg, properties: rgProps }).status).toBe('pass');
  });

  it('matches the principal case-insensitively, and only through identity links', () => {
    expect(evaluate(roleAssignment(SUB, 'a1', PRINCIPAL.toUpperCase(), OWNER)).status).toBe('fail');
    expect(evaluate(roleAssignment(SUB, 'a1', PRINCIPAL, OWNER), [link(WS, PRINCIPAL, 'storageAccount')]).status).toBe('not-applicable');
    expect(evaluate(roleAssignment(SUB, 'a1', PRINCIPAL, OWNER), []).status).toBe('not-applicable');
    expect(evaluate({ ...roleAssignment(SUB, 'a1', PRINCIPAL, OWNER), properties: null }).status).toBe('not-applicable');
  });
});
