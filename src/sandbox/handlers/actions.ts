import { invalidResourceType } from '../arm-error';
import { actionTarget, type ProviderPath } from '../route';
import { powerAction, updateIdleShutdownSetting, type ActionPlanner } from './compute-actions';
import type { Reply, RequestContext, SandboxState } from './context';
import { locate } from './locate';
import { runWrite } from './run-write';

/** POST actions the sandbox implements, by `{resource type}/{action}` (lower case). */
const ACTIONS: Readonly<Record<string, ActionPlanner>> = {
  'microsoft.machinelearningservices/workspaces/computes/stop': powerAction('Stop', 'Stopped'),
  'microsoft.machinelearningservices/workspaces/computes/start': powerAction('Start', 'Running'),
  'microsoft.machinelearningservices/workspaces/computes/restart': powerAction('Restart', 'Running'),
  'microsoft.machinelearningservices/workspaces/computes/updateidleshutdownsetting': updateIdleShutdownSetting,
};

/** POST `{resource}/{action}`: 404 InvalidResourceType for an action the sandbox does not know, 404 for a missing resource. */
export function handleAction(state: SandboxState, ctx: RequestContext, target: ProviderPath): Reply {
  const at = actionTarget(target);
  const planner = at ? ACTIONS[`${at.resource.type}/${at.action}`.toLowerCase()] : undefined;
  if (!at || !planner) throw invalidResourceType(target.types.join('/'), target.namespace, ctx.apiVersion);
  const found = locate(state.store, at.resource);
  if (found.kind === 'missing') throw found.error;
  if (found.kind !== 'resource') throw invalidResourceType(target.types.join('/'), target.namespace, ctx.apiVersion);
  return runWrite(state, ctx, planner(state.store, at.resource, found.resource, ctx.body));
}
