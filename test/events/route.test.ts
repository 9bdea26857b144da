import { describe, expect, it } from 'vitest';
import { parseEventMessage, routeEvent, type ParsedEvent } from '../../src/events';
import { ResourceTypes, parseArmId, resourceTypeOf, type EventDisposition } from '../../src/model';
import { COMPUTE, RG, SUB, WS, egEvent } from './helpers';

const ML_ONLY: ReadonlySet<string> = new Set([ResourceTypes.workspace, ResourceTypes.nsg, ResourceTypes.storageAccount, ResourceTypes.roleAssignment]);
const WITH_COMPUTE: ReadonlySet<string> = new Set([...ML_ONLY, ResourceTypes.compute]);

function event(subject: string, opts: Parameters<typeof egEvent>[0] = {}): ParsedEvent {
  const [e] = parseEventMessage(egEvent({ subject, ...opts }));
  return e!;
}

function target(d: EventDisposition): string {
  if (d.kind !== 'evaluate') throw new Error(`ignored: ${d.reason}`);
  return d.targetId;
}

function reason(d: EventDisposition): string {
  if (d.kind !== 'ignore') throw new Error(`evaluates ${d.targetId}`);
  return d.reason;
}

const NSG = `${RG}/providers/Microsoft.Network/networkSecurityGroups/nsg1`;
const ST = `${RG}/providers/Microsoft.Storage/storageAccounts/st1`;

describe('routeEvent: subject -> resource to evaluate', () => {
  it.each([
    ['the resource itself', WS, ML_ONLY, WS],
    ['workspace private endpoint connection -> workspace', `${WS}/privateEndpointConnections/pec1`, ML_ONLY, WS],
    ['NSG security rule -> NSG', `${NSG}/securityRules/allow-ssh`, ML_ONLY, NSG],
    ['compute, computes not watched -> workspace', COMPUTE, ML_ONLY, WS],
    ['compute, computes watched -> compute', COMPUTE, WITH_COMPUTE, COMPUTE],
    ['grandchild -> nearest watched ancestor', `${WS}/onlineEndpoints/ep1/deployments/blue`, ML_ONLY, WS],
    ['storage account blob service -> storage account', `${ST}/blobServices/default`, ML_ONLY, ST],
  ] as const)('%s', (_, subject, watched, expected) => {
    const e = event(subject);
    const d = routeEvent(e, watched);
    expect(d).toEqual({ kind: 'evaluate', event: e, targetId: expected });
  });

  it('ids are matched case-insensitively; the target keeps the event spelling', () => {
    const lower = `/subscriptions/${SUB}/resourcegroups/rg-ml/providers/microsoft.machinelearningservices/workspaces/ws1`;
    expect(target(routeEvent(event(`${lower}/computes/CI1`), ML_ONLY))).toBe(lower);
    const upper = `/SUBSCRIPTIONS/${SUB.toUpperCase()}/RESOURCEGROUPS/RG-ML/PROVIDERS/MICROSOFT.NETWORK/NETWORKSECURITYGROUPS/NSG1`;
    expect(target(routeEvent(event(`${upper}/SECURITYRULES/R1`), ML_ONLY))).toBe(upper);
  });

  it('watched types may be given in any case', () => {
    const mixed = new Set(['Microsoft.MachineLearningServices/Workspaces/Computes']);
    expect(target(routeEvent(event(COMPUTE), mixed))).toBe(COMPUTE);
  });

  it('delete of a child re-evaluates the parent; delete of the resource itself targets it', () => {
    const del = { eventType: 'Microsoft.Resources.ResourceDeleteSuccess', data: { operationName: 'Microsoft.Network/networkSecurityGroups/securityRules/delete' } };
    expect(target(routeEvent(event(`${NSG}/securityRules/r1`, del), ML_ONLY))).toBe(NSG);
    expect(target(routeEvent(event(WS, { eventType: 'Microsoft.Resources.ResourceDeleteSuccess' }), ML_ONLY))).toBe(WS);
  });

  it('action on a compute (stop) targets the compute, or the workspace', () => {
    const stop = { eventType: 'Microsoft.Resources.ResourceActionSuccess', data: { operationName: 'Microsoft.MachineLearningServices/workspaces/computes/stop/action' } };
    expect(target(routeEvent(event(COMPUTE, stop), WITH_COMPUTE))).toBe(COMPUTE);
    expect(target(routeEvent(event(COMPUTE, stop), ML_ONLY))).toBe(WS);
    expect(target(routeEvent(event(`${COMPUTE}/stop`, stop), WITH_COMPUTE))).toBe(COMPUTE);
  });
});

describe('routeEvent: role assignments (extension resources)', () => {
  const onRg = `${RG}/providers/Microsoft.Authorization/roleAssignments/11111111-2222-3333-4444-555555555555`;
  const onSub = `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleAssignments/11111111-2222-3333-4444-555555555555`;
  const onWs = `${WS}/providers/Microsoft.Authorization/roleAssignments/11111111-2222-3333-4444-555555555555`;

  it('resourceTypeOf: microsoft.authorization/roleassignments at every scope', () => {
    expect(resourceTypeOf(onRg)).toBe(ResourceTypes.roleAssignment);
    expect(resourceTypeOf(onSub)).toBe(ResourceTypes.roleAssignment);
    expect(resourceTypeOf(onWs)).toBe(ResourceTypes.roleAssignment);
    expect(parseArmId(onWs)).toMatchObject({ provider: 'Microsoft.Authorization', types: ['roleAssignments'], scope: WS, resourceGroup: 'rg-ml' });
    expect(parseArmId(onRg).scope).toBeUndefined();
  });

  it.each([
    ['resource group', onRg],
    ['subscription', onSub],
    ['workspace', onWs],
  ])('on a %s -> the role assignment', (_, id) => {
    expect(target(routeEvent(event(id, { data: { operationName: 'Microsoft.Authorization/roleAssignments/write' } }), ML_ONLY))).toBe(id);
  });

  it('not watched: ignored, never mapped to the scope it extends', () => {
    const noRa = new Set([ResourceTypes.workspace]);
    expect(reason(routeEvent(event(onWs), noRa))).toMatch(/microsoft\.authorization\/roleassignments is not watched/);
  });
});

describe('routeEvent: ignored', () => {
  it('unwatched type (and no watched parent)', () => {
    expect(reason(routeEvent(event(`${RG}/providers/Microsoft.Compute/virtualMachines/vm1/extensions/e1`), ML_ONLY))).toBe(
      'resource type microsoft.compute/virtualmachines/extensions is not watched (nor any parent type)',
    );
    expect(routeEvent(event(WS), new Set()).kind).toBe('ignore');
  });

  it('failure and cancel event types, and a failed status on a success type', () => {
    expect(reason(routeEvent(event(WS, { eventType: 'Microsoft.Resources.ResourceWriteFailure' }), ML_ONLY))).toMatch(/ResourceWriteFailure is not a successful/);
    expect(reason(routeEvent(event(WS, { eventType: 'Microsoft.Resources.ResourceDeleteCancel', data: { status: undefined } }), ML_ONLY))).toMatch(/not a successful/);
    expect(reason(routeEvent(event(WS, { data: { status: 'Failed' } }), ML_ONLY))).toBe('operation status is Failed, not Succeeded');
    expect(target(routeEvent(event(WS, { data: { status: 'succeeded' } }), ML_ONLY))).toBe(WS);
  });

  it('subscription and resource-group level events', () => {
    expect(reason(routeEvent(event(RG), ML_ONLY))).toMatch(/^subscription or resource group scope/);
    expect(reason(routeEvent(event(`/subscriptions/${SUB}`), ML_ONLY))).toMatch(/^subscription or resource group scope/);
  });

  it('read-only actions (listKeys) unless asked otherwise', () => {
    const listKeys = { eventType: 'Microsoft.Resources.ResourceActionSuccess', data: { operationName: 'Microsoft.Storage/storageAccounts/listKeys/action' } };
    expect(reason(routeEvent(event(ST, listKeys), ML_ONLY))).toBe('read-only action Microsoft.Storage/storageAccounts/listKeys/action');
    expect(target(routeEvent(event(ST, listKeys), ML_ONLY, { ignoreReadOnlyActions: false }))).toBe(ST);
  });

  it('non-resource events, with their reason and without an event', () => {
    const [blob, validation] = parseEventMessage([
      { id: 'b1', eventType: 'Microsoft.Storage.BlobCreated', subject: '/x', eventTime: '2025-05-01T10:00:00Z', data: {} },
      { id: 'v1', eventType: 'Microsoft.EventGrid.SubscriptionValidationEvent', subject: '', eventTime: '2025-05-01T10:00:00Z', data: { validationCode: 'c' } },
    ]);
    expect(routeEvent(blob!, ML_ONLY)).toEqual({ kind: 'ignore', reason: 'not a Microsoft.Resources resource event (Microsoft.Storage.BlobCreated)' });
    expect(reason(routeEvent(validation!, ML_ONLY))).toMatch(/subscription validation/);
  });
});

describe('routeEvent: tags of a resource', () => {
  const tagsOfWs = `${WS.replace('resourceGroups', 'resourcegroups')}/providers/Microsoft.Resources/tags/default`;
  const tagsOfRg = `${RG}/providers/Microsoft.Resources/tags/default`;

  it('a tags write on a resource evaluates the resource it tags', () => {
    expect(target(routeEvent(event(tagsOfWs, { data: { operationName: 'Microsoft.Resources/tags/write' } }), ML_ONLY)).toLowerCase()).toBe(WS.toLowerCase());
  });

  it('tags of a resource group, or of an unwatched resource, are ignored', () => {
    expect(reason(routeEvent(event(tagsOfRg), ML_ONLY))).toMatch(/not watched/);
    expect(reason(routeEvent(event(`${RG}/providers/Microsoft.Compute/virtualMachines/vm1/providers/Microsoft.Resources/tags/default`), ML_ONLY))).toMatch(/not watched/);
  });
});

describe('resource provider registration events', () => {
  it('are acknowledged as not-a-resource, not rejected as malformed', () => {
    const scope = `/subscriptions/${SUB}/providers/Microsoft.Compute`;
    const [parsed] = parseEventMessage(egEvent({ subject: scope, data: { resourceUri: scope, operationName: 'Microsoft.Compute/register/action' } }));
    expect(reason(routeEvent(parsed!, ML_ONLY))).toMatch(/resource provider scope/);
  });
});
