import { ArmError, resourceGroupNotFound, resourceNotFound } from '../arm-error';
import { paginate } from '../paging';
import { findResourceGroup, listResourceGroups, subscriptionIds, subscriptionObject } from '../scopes';
import { listCollection, listGenericResources } from './collections';
import type { Reply, RequestContext, SandboxState } from './context';
import { locate } from './locate';
import { pollOperation } from './operation-poll';

/** GET (and HEAD): resources, embedded children, collections, subscriptions, groups, operation polls, policy set definitions above subscriptions. */
export function handleRead(state: SandboxState, ctx: RequestContext): Reply {
  const route = ctx.route;
  const filter = ctx.url.searchParams.get('$filter');
  const page = (items: readonly unknown[]): Reply => ({ status: 200, body: paginate(items, ctx.url, state.pageSize) });
  switch (route.kind) {
    case 'subscriptions':
      return page(subscriptionIds(state.store).map((s) => subscriptionObject(s, state.tenantId)));
    case 'subscription': {
      const known = subscriptionIds(state.store).find((s) => s.toLowerCase() === route.subscriptionId.toLowerCase());
      if (!known) throw new ArmError(404, 'SubscriptionNotFound', `The subscription '${route.subscriptionId}' could not be found.`);
      return { status: 200, body: subscriptionObject(known, state.tenantId) };
    }
    case 'resourceGroups':
      return page(listResourceGroups(state.store, route.subscriptionId));
    case 'resourceGroup': {
      const rg = findResourceGroup(state.store, route.subscriptionId, route.resourceGroup);
      if (!rg) throw resourceGroupNotFound(route.resourceGroup);
      return { status: 200, body: rg };
    }
    case 'genericResources': {
      const scope = route.resourceGroup === undefined ? `/subscriptions/${route.subscriptionId}` : `/subscriptions/${route.subscriptionId}/resourceGroups/${route.resourceGroup}`;
      if (route.resourceGroup !== undefined && !findResourceGroup(state.store, route.subscriptionId, route.resourceGroup)) throw resourceGroupNotFound(route.resourceGroup);
      return page(listGenericResources(state.store, scope, filter));
    }
    case 'operation':
      return pollOperation(state, route.operationId, ctx.url.searchParams.get('type')?.toLowerCase() === 'location' ? 'result' : route.flavor, ctx.url.pathname);
    case 'resource': {
      const found = locate(state.store, route.target);
      if (found.kind === 'missing') throw found.error;
      return { status: 200, body: found.kind === 'resource' ? found.resource : found.element };
    }
    case 'collection':
      return page(listCollection(state.store, route.target, filter));
    case 'aboveSubscription': {
      const stored = state.store.get(route.path);
      if (!stored) throw resourceNotFound(route.typeAndName, undefined);
      return { status: 200, body: stored };
    }
    case 'unsupported':
      throw new ArmError(404, 'NotFound', `The sandbox does not serve '${route.path}'.`);
  }
}
