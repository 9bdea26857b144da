import { describe, expect, it } from 'vitest';
import { ResourceTypes } from '../../src/model';
import { API_VERSIONS } from '../../src/resources/api-versions';
import { descriptorOf, descriptorOfId, RESOURCE_DESCRIPTORS } from '../../src/resources';

describe('resource descriptors', () => {
  it('one per type, keyed by the lower-case ARM type', () => {
    const types = RESOURCE_DESCRIPTORS.map((d) => d.type);
    expect(new Set(types).size).toBe(types.length);
    for (const d of RESOURCE_DESCRIPTORS) expect(d.type).toBe(d.armType.toLowerCase());
  });

  it('every well-known resource type has a descriptor that can read it', () => {
    for (const type of Object.values(ResourceTypes)) expect(descriptorOf(type)?.read, type).toBeDefined();
  });

  it('speaks the api-version of the SDK client that reads it', () => {
    for (const d of RESOURCE_DESCRIPTORS) if (d.read) expect(d.apiVersion, d.type).toBe(API_VERSIONS[d.read.client]);
  });

  it('finds resource groups and subscriptions by id although their ids have no provider type', () => {
    expect(descriptorOfId('/subscriptions/00000000-0000-4000-8000-000000000000/resourceGroups/rg')?.armType).toBe('Microsoft.Resources/resourceGroups');
    expect(descriptorOfId('/subscriptions/00000000-0000-4000-8000-000000000000')?.armType).toBe('Microsoft.Resources/subscriptions');
    expect(descriptorOfId('/subscriptions/00000000-0000-4000-8000-000000000000/resourceGroups/rg/providers/Microsoft.Web/sites/app')).toBeUndefined();
  });

  it('names RBAC actions in ARM syntax, each once across all descriptors, each with what it is for', () => {
    const grants = RESOURCE_DESCRIPTORS.flatMap((d) => [...d.rbac.read, ...(d.rbac.write ?? []), ...(d.rbac.optIn ?? [])]);
    const actions = grants.map((g) => g.action);
    expect(new Set(actions).size).toBe(actions.length);
    for (const g of grants) expect(g.for.trim(), g.action).not.toBe('');
    for (const a of actions) expect(a).toMatch(/^Microsoft\.[A-Za-z]+\/[A-Za-z]+(\/[A-Za-z]+)*\/(read|write|delete|action)$/);
  });

  it('places each type in Resource Graph (table + lower-case type) unless it is embedded in its parent', () => {
    const embedded = new Set([ResourceTypes.subnet, ResourceTypes.privateDnsZoneGroup, 'microsoft.resources/tags']);
    for (const d of RESOURCE_DESCRIPTORS) {
      if (embedded.has(d.type)) expect(d.resourceGraph, d.type).toBeUndefined();
      else expect(d.resourceGraph?.type, d.type).toBe(d.resourceGraph?.type.toLowerCase());
    }
  });
});
