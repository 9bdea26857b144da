import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  actionMatches,
  ENFORCE_ROLE_ENV,
  GUARD_PRINCIPAL,
  linkedAccessChecks,
  loadRoleEnforcement,
  readDecisionLog,
  rolesGrant,
  startSandbox,
  USER_PRINCIPAL,
  type RoleDefinition,
  type RoleEnforcement,
  type Sandbox,
} from '../../src/sandbox';
import { parseRoute } from '../../src/sandbox/route';
import { nic, nicId, nsgId, pipId, publicIp, subnetId } from '../support/network-estate';
import { CI_ID, exampleEstate, mlClient, raw, RG, SUB, WS_ID } from './helpers';

describe('RBAC action matching', () => {
  it.each([
    ['Microsoft.Network/networkInterfaces/write', 'microsoft.network/NETWORKINTERFACES/write', true],
    ['*/read', 'Microsoft.Storage/storageAccounts/read', true],
    ['*/read', 'Microsoft.Storage/storageAccounts/write', false],
    ['Microsoft.Network/*', 'Microsoft.Network/virtualNetworks/subnets/join/action', true],
    ['Microsoft.Network/*', 'Microsoft.NetworkFunction/x/read', false],
    ['Microsoft.MachineLearningServices/workspaces/*/read', 'Microsoft.MachineLearningServices/workspaces/computes/read', true],
    ['Microsoft.MachineLearningServices/workspaces/*/read', 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments/read', true],
    ['Microsoft.MachineLearningServices/workspaces/*/read', 'Microsoft.MachineLearningServices/workspaces/read', false],
    ['Microsoft.*/*/read', 'Microsoft.KeyVault/vaults/read', true],
    ['*', 'Anything.At/all', true],
    ['Microsoft.Network/networkInterfaces/write', 'Microsoft.Network/networkInterfaces/writeX', false],
    ['Microsoft.Storage/storageAccounts/read', 'Microsoft.Storage/storageAccountsXread', false],
  ])('%s matches %s: %s', (pattern, action, expected) => {
    expect(actionMatches(pattern, action)).toBe(expected);
  });

  it('NotActions subtract within their own permission entry; roles add up', () => {
    const reader: RoleDefinition = { roleName: 'reader-but-keys', permissions: [{ actions: ['*/read'], notActions: ['Microsoft.Storage/*/read'] }] };
    expect(rolesGrant([reader], 'Microsoft.KeyVault/vaults/read')).toBe(true);
    expect(rolesGrant([reader], 'Microsoft.Storage/storageAccounts/read')).toBe(false);
    const storage: RoleDefinition = { roleName: 'storage-reader', permissions: [{ actions: ['Microsoft.Storage/storageAccounts/read'] }] };
    expect(rolesGrant([reader, storage], 'Microsoft.Storage/storageAccounts/read')).toBe(true);
    const twoEntries: RoleDefinition = { roleName: 'two', permissions: [{ actions: ['*/read'], notActions: ['*'] }, { actions: ['Microsoft.Network/*/read'] }] };
    expect(rolesGrant([twoEntries], 'Microsoft.Network/networkInterfaces/read')).toBe(true);
    expect(rolesGrant([twoEntries], 'Microsoft.Storage/storageAccounts/read')).toBe(false);
  });
});

describe('linked access checks', () => {
  const SUBNET = subnetId('rg-net', 'vnet', 'default');
  const NIC = nicId('rg-vms', 'nic1');
  const PIP = pipId('rg-vms', 'ip1');
  const NSG = nsgId('rg-net', 'nsg1');

  it("a NIC PUT needs join on its subnets, public IPs and NSG (each once); other requests need nothing", () => {
    const body = { ...nic(NIC, SUBNET, PIP), properties: { ...nic(NIC, SUBNET, PIP).properties, networkSecurityGroup: { id: NSG } } };
    expect(linkedAccessChecks('PUT', parseRoute(NIC), body)).toEqual([
      { action: 'Microsoft.Network/virtualNetworks/subnets/join/action', scope: SUBNET },
      { action: 'Microsoft.Network/publicIPAddresses/join/action', scope: PIP },
      { action: 'Microsoft.Network/networkSecurityGroups/join/action', scope: NSG },
    ]);
    expect(linkedAccessChecks('PATCH', parseRoute(NIC), body)).toEqual([]);
    // Any resource whose PUT or PATCH states user-assigned identities: the assign action on each.
    const EP = `${WS_ID}/onlineEndpoints/scoring`;
    const UAI = `/subscriptions/${SUB}/resourceGroups/rg-id/providers/Microsoft.ManagedIdentity/userAssignedIdentities/scorer`;
    const identity = { type: 'SystemAssigned,UserAssigned', userAssignedIdentities: { [UAI]: {} } };
    for (const method of ['PUT', 'PATCH']) {
      expect(linkedAccessChecks(method, parseRoute(EP), { identity, properties: {} })).toEqual([{ action: 'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action', scope: UAI }]);
    }
    expect(linkedAccessChecks('PUT', parseRoute(EP), { identity: { type: 'SystemAssigned' }, properties: {} })).toEqual([]);
    expect(linkedAccessChecks('PUT', parseRoute(PIP), body)).toEqual([]);
    expect(linkedAccessChecks('PUT', parseRoute(`${NIC}/ipConfigurations/ipconfig1`), { properties: { subnet: { id: SUBNET }, applicationSecurityGroups: [{ id: 'asg1' }] } })).toEqual([
      { action: 'Microsoft.Network/virtualNetworks/subnets/join/action', scope: SUBNET },
      { action: 'Microsoft.Network/applicationSecurityGroups/joinIpConfiguration/action', scope: 'asg1' },
    ]);
  });
});

describe('a sandbox enforcing a role', () => {
  const SUBNET = subnetId('rg-net', 'vnet', 'default');
  const NIC = nicId('rg-vms', 'nic1');
  const PIP = pipId('rg-vms', 'ip1');
  let dir: string;
  let sandbox: Sandbox;
  let enforcement: RoleEnforcement;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'role-test-'));
    enforcement = {
      principalId: GUARD_PRINCIPAL.oid,
      roles: [
        {
          roleName: 'reader and NIC writer',
          permissions: [
            {
              actions: ['*/read', 'Microsoft.Network/networkInterfaces/write', 'Microsoft.Network/virtualNetworks/subnets/join/action'],
              notActions: ['Microsoft.MachineLearningServices/locations/*'],
            },
          ],
        },
      ],
      decisionLog: join(dir, 'log'),
    };
    sandbox = await startSandbox({ estate: [...exampleEstate(), nic(NIC, SUBNET, null), publicIp(PIP, null)], enforceRole: enforcement });
  });
  afterAll(async () => {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets the principal do what the role grants and answers 403 AuthorizationFailed to the rest, as ARM does', async () => {
    await expect(mlClient(sandbox).computeOperations.get(RG, 'testworkspace', 'compute123')).resolves.toMatchObject({ name: 'compute123' });
    const error = await mlClient(sandbox).computeOperations.beginStopAndWait(RG, 'testworkspace', 'compute123', { updateIntervalInMs: 5 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ statusCode: 403, code: 'AuthorizationFailed' });
    expect((error as Error).message).toContain(`does not have authorization to perform action 'Microsoft.MachineLearningServices/workspaces/computes/stop/action' over scope '${CI_ID}'`);
  });

  it('leaves every other principal unrestricted', async () => {
    await mlClient(sandbox, USER_PRINCIPAL).computeOperations.beginStopAndWait(RG, 'testworkspace', 'compute123', { updateIntervalInMs: 5 });
    expect(sandbox.requests.filter((r) => r.principalOid === USER_PRINCIPAL.oid).every((r) => r.status < 400)).toBe(true);
  });

  it('authorizes the poll of a long-running operation with its read action (here refused by a NotAction)', async () => {
    const patch = await raw(sandbox, 'PATCH', `${WS_ID}?api-version=2025-12-01`, { principal: USER_PRINCIPAL, body: { tags: { a: 'b' } } });
    const poll = await raw(sandbox, 'GET', String(patch.headers['azure-asyncoperation']));
    expect(poll).toMatchObject({ status: 403, body: { error: { code: 'AuthorizationFailed', message: expect.stringContaining("'Microsoft.MachineLearningServices/locations/workspaceOperationsStatus/read'") } } });
  });

  it('checks the linked scopes of a NIC PUT: 403 LinkedAuthorizationFailed for a public IP it may not join, nothing changed', async () => {
    const res = await raw(sandbox, 'PUT', `${NIC}?api-version=2026-01-01`, { body: nic(NIC, SUBNET, PIP) });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      error: {
        code: 'LinkedAuthorizationFailed',
        message: `The client '${GUARD_PRINCIPAL.appId}' with object id '${GUARD_PRINCIPAL.oid}' has permission to perform action 'Microsoft.Network/networkInterfaces/write' on scope '${NIC}'; however, it does not have permission to perform action(s) 'Microsoft.Network/publicIPAddresses/join/action' on the linked scope(s) '${PIP}' (respectively) or the linked scope(s) are invalid.`,
      },
    });
    expect(sandbox.getResource(PIP)?.properties?.ipConfiguration).toBeUndefined();
    expect((await raw(sandbox, 'PUT', `${NIC}?api-version=2026-01-01`, { body: nic(NIC, SUBNET, null) })).status).toBe(200);
  });

  it('logs each distinct decision on the principal once per process: allowed actions, and each refusal with its scope', () => {
    const decisions = readDecisionLog(enforcement.decisionLog!);
    const allowed = decisions.filter((d) => d.allowed).map((d) => d.action);
    expect(new Set(allowed).size).toBe(allowed.length);
    expect(allowed).toEqual(expect.arrayContaining(['Microsoft.MachineLearningServices/workspaces/computes/read', 'Microsoft.Network/networkInterfaces/write', 'Microsoft.Network/virtualNetworks/subnets/join/action']));
    expect(decisions.filter((d) => !d.allowed).map((d) => [d.action, d.scope])).toEqual(
      expect.arrayContaining([
        ['Microsoft.MachineLearningServices/workspaces/computes/stop/action', CI_ID],
        ['Microsoft.Network/publicIPAddresses/join/action', PIP],
      ]),
    );
    expect(decisions.every((d) => !d.action.includes('Dana'))).toBe(true);
  });
});

describe('wiring in the test suite', () => {
  it('every sandbox of the run enforces the role file the global setup wrote (AML Guard identity, roles from infra/main.json)', () => {
    const file = process.env[ENFORCE_ROLE_ENV];
    expect(file, `${ENFORCE_ROLE_ENV} is set by test/support/role-global-setup.ts`).toBeTruthy();
    const enforcement = loadRoleEnforcement(file!);
    expect(enforcement.principalId).toBe(GUARD_PRINCIPAL.oid);
    expect(enforcement.roles.map((r) => r.roleName)).toEqual(['AML Guard Remediator', 'AML Guard Role Assignment Remover']);
    expect(enforcement.decisionLog).toBeTruthy();
  });

  it('a sandbox started without options enforces it; enforceRole: false opts out', async () => {
    const enforced = await startSandbox({ estate: exampleEstate() });
    const free = await startSandbox({ estate: exampleEstate(), enforceRole: false });
    try {
      // not in AML Guard's role: it never starts a compute
      const start = (s: Sandbox) => mlClient(s).computeOperations.beginStartAndWait(RG, 'testworkspace', 'compute123', { updateIntervalInMs: 5 }).catch((e: unknown) => e);
      expect(await start(enforced)).toMatchObject({ statusCode: 403, code: 'AuthorizationFailed' });
      expect(await start(free)).not.toBeInstanceOf(Error);
    } finally {
      await enforced.close();
      await free.close();
    }
  });
});
