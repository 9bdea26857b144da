import { ArmError, methodNotAllowed } from '../arm-error';
import { handleAction } from './actions';
import type { Reply, RequestContext, SandboxState } from './context';
import { handleOutboundRule, isOutboundRulePath } from './outbound-rules';
import { handleRead } from './read';
import { handleResourceGroupWrite } from './resource-group-writes';
import { handleResourceGraph, isResourceGraphQuery } from './resource-graph';
import { handleTagsAtScope, isTagsAtScope } from './tags-at-scope';
import { handleResourceWrite } from './write';

/** Routes an authenticated, authorized request to its handler. Throws ArmError for ARM's error answers. */
export function dispatch(state: SandboxState, ctx: RequestContext): Reply {
  const route = ctx.route;
  if (isResourceGraphQuery(ctx.url.pathname)) return handleResourceGraph(state, ctx);
  if (route.kind === 'resource' && isTagsAtScope(route.target)) return handleTagsAtScope(state, ctx, route.target);
  if ((route.kind === 'resource' || route.kind === 'collection') && isOutboundRulePath(route.target)) return handleOutboundRule(state, ctx, route.target);
  switch (ctx.method) {
    case 'GET':
      return handleRead(state, ctx);
    case 'HEAD': {
      const reply = handleRead(state, ctx);
      return { status: reply.status === 200 ? 204 : reply.status, ...(reply.headers ? { headers: reply.headers } : {}) };
    }
    case 'PUT':
    case 'PATCH':
    case 'DELETE':
      if (route.kind === 'resource') return handleResourceWrite(state, ctx, route.target);
      if (route.kind === 'resourceGroup') return handleResourceGroupWrite(state, ctx, route.subscriptionId, route.resourceGroup, route.id);
      throw methodNotAllowed(ctx.method, ctx.url.pathname);
    case 'POST':
      if (route.kind === 'collection') return handleAction(state, ctx, route.target);
      throw methodNotAllowed(ctx.method, ctx.url.pathname);
    default:
      throw new ArmError(405, 'MethodNotAllowed', `The method '${ctx.method}' is not supported.`);
  }
}
