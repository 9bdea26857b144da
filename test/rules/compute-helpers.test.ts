import { describe, expect, it } from 'vitest';
import { parseIsoDuration } from '../../src/model/iso-duration';
import { computeView } from '../../src/rules/compute/compute-view';
import { isPublicAddress } from '../../src/rules/compute/public-address';
import { assignmentScope, scopeLevel } from '../../src/rules/identity/assignment-scope';
import { managedPrincipals, principalKey } from '../../src/rules/identity/principal-links';
import { privilegedRoleName } from '../../src/rules/identity/privileged-roles';
import { exampleResource } from '../support/fixtures';
import { ML, mlWorkspace, wsId } from '../support/compute-estate';

describe('ISO 8601 durations (PnDTnHnMnS)', () => {
  const H = 3_600_000;
  it.each([
    ['PT4H', 4 * H],
    ['PT120M', 2 * H],
    ['PT240M', 4 * H],
    ['PT15M', 15 * 60_000],
    ['PT30S', 30_000],
    ['PT1.5S', 1500],
    ['PT0,5S', 500],
    ['P1D', 24 * H],
    ['P3DT4H', 76 * H],
    ['P1DT1H1M1S', 25 * H + 61_000],
    ['PT0S', 0],
    [' PT1H ', H],
  ])('%s = %d ms', (text, ms) => expect(parseIsoDuration(text)).toBe(ms));

  it.each(['', 'P', 'PT', 'P1DT', 'PT1H30', '4h', 'pt4h', 'PT-1H', 'P1Y', 'P2M', 'P1W', 'PT1.5H', 'PT1M2H', 'P1DT2D', 'PTH', '1H', 'PT4H ago'])('refuses %j', (text) =>
    expect(parseIsoDuration(text)).toBeUndefined(),
  );
});

describe('public addresses', () => {
  it.each(['10.0.0.1', '172.16.0.1', '172.31.255.255', '192.168.1.1', '127.0.0.1', '169.254.1.1', '100.64.0.1', '100.127.255.255', '0.0.0.0', '::1', '::', 'fd00::1', 'fe80::1', '::ffff:10.0.0.1'])(
    '%s is not public',
    (ip) => expect(isPublicAddress(ip)).toBe(false),
  );
  it.each(['20.1.2.3', '172.32.0.1', '100.128.0.1', '8.8.8.8', '2001:db8::1', '::ffff:20.1.2.3'])('%s is public', (ip) => expect(isPublicAddress(ip)).toBe(true));
  it.each([null, undefined, '', 'not-an-ip', 42, '10.0.0.1/24'])('%j is not an address', (v) => expect(isPublicAddress(v)).toBe(false));
});

describe('compute view', () => {
  it('reads the official ComputeInstance example', () => {
    const v = computeView(exampleResource(`${ML}/Compute/get/ComputeInstance.json`));
    expect(v).toMatchObject({ computeType: 'ComputeInstance', enableNodePublicIp: null, subnetId: 'test-subnet-resource-id', publicIpAddress: '10.0.0.1', sshPublicAccess: 'Enabled', isLatestOsImageVersion: false, state: 'Running' });
  });
  it('one field of the wrong type does not hide the others', () => {
    const base = exampleResource(`${ML}/Compute/get/AmlCompute.json`);
    const v = computeView({ ...base, properties: { ...base.properties, disableLocalAuth: 'yes', properties: { enableNodePublicIp: 'false', subnet: 'x', remoteLoginPortPublicAccess: 'Enabled' } } });
    expect(v).toMatchObject({ computeType: 'AmlCompute', disableLocalAuth: null, enableNodePublicIp: null, subnetId: null, remoteLoginPortPublicAccess: 'Enabled' });
  });
  it('null and missing properties read as nulls', () => {
    const base = exampleResource(`${ML}/Compute/get/AmlCompute.json`);
    expect(computeView({ ...base, properties: null }).computeType).toBeNull();
    expect(computeView({ ...base, properties: { computeType: 'AmlCompute', properties: null } }).subnetId).toBeNull();
    expect(computeView({ ...base, properties: { computeType: 'AmlCompute', properties: { subnet: { id: '  ' } } } }).subnetId).toBeNull();
  });
});

describe('identity helpers', () => {
  it('collects system and user-assigned principals of the official workspace example, once each, lower case', () => {
    const ws = mlWorkspace(wsId('rg', 'ws'), { identity: { principalId: 'AAAAAAAA-1111-2222-3333-444444444444' } });
    expect(managedPrincipals(ws)).toEqual(['aaaaaaaa-1111-2222-3333-444444444444', '00000000-1111-2222-3333-444444444444']);
    expect(managedPrincipals({ ...ws, identity: null })).toEqual([]);
    expect(managedPrincipals({ ...ws, identity: { type: 'None' } })).toEqual([]);
    expect(managedPrincipals({ ...ws, identity: { type: 'UserAssigned', userAssignedIdentities: { a: null, b: { principalId: 'not-a-guid' } } } })).toEqual([]);
    expect(principalKey(' ABC ')).toBe('/principals/abc');
  });

  it('names privileged built-in roles in either id form, any case', () => {
    expect(privilegedRoleName('/subscriptions/x/providers/Microsoft.Authorization/roleDefinitions/8E3AF657-A8FF-443C-A75C-2FE8C4BCB635')).toBe('Owner');
    expect(privilegedRoleName('/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c')).toBe('Contributor');
    expect(privilegedRoleName('18d7d88d-d35e-4fb5-a5c3-7773c20a72d9/')).toBe('User Access Administrator');
    expect(privilegedRoleName('/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7')).toBeUndefined();
  });

  it('classifies assignment scopes', () => {
    const sub = '/subscriptions/3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f';
    expect(scopeLevel(sub)).toBe('subscription');
    expect(scopeLevel(`${sub}/resourcegroups/rg`)).toBe('resource-group');
    expect(scopeLevel(`${sub}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa`)).toBe('resource');
    expect(scopeLevel('/providers/Microsoft.Management/managementGroups/mg-1')).toBe('management-group');
    expect(scopeLevel('/')).toBe('root');
    expect(scopeLevel('nonsense')).toBe('unknown');
    expect(assignmentScope(`${sub}/providers/Microsoft.Authorization/roleAssignments/g`, null)).toBe(sub);
    expect(assignmentScope(`${sub}/resourceGroups/rg/providers/microsoft.authorization/roleassignments/g`, '')).toBe(`${sub}/resourceGroups/rg`);
    expect(assignmentScope(`${sub}/providers/Microsoft.Authorization/roleAssignments/g`, '/providers/Microsoft.Management/managementGroups/mg')).toBe('/providers/Microsoft.Management/managementGroups/mg');
  });
});
