import { parentResourceId, resourceGroupScope, resourceTypeOf, subjectTypeOf, subscriptionScope, tryParseArmId, type EventDisposition } from '../model';
import { SUCCESS_EVENT_TYPES } from './event-types';
import { isIgnoredEvent, type ParsedEvent } from './parsed-event';

export interface RouteOptions {
  /**
   * Drop successful actions that only read (`.../listKeys/action`, `.../read/action`, ...): they change
   * nothing, and portals call them constantly. Default true.
   */
  readonly ignoreReadOnlyActions?: boolean;
}

/**
 * Decides what to evaluate for an event: the resource itself when its type is watched, else its
 * nearest watched ancestor (`.../workspaces/w/computes/c` -> the workspace when only workspaces are
 * watched). Types are compared lower case; `watchedTypes` may be in any case. Never calls ARM.
 */
export function routeEvent(event: ParsedEvent, watchedTypes: ReadonlySet<string>, options: RouteOptions = {}): EventDisposition {
  if (isIgnoredEvent(event)) return { kind: 'ignore', reason: event.reason };
  const ignore = (reason: string): EventDisposition => ({ kind: 'ignore', event, reason });

  if (!SUCCESS_EVENT_TYPES.has(event.eventType)) return ignore(`event type ${event.eventType} is not a successful resource write, delete or action`);
  if (event.status.toLowerCase() !== 'succeeded') return ignore(`operation status is ${event.status}, not Succeeded`);
  if ((options.ignoreReadOnlyActions ?? true) && event.kind === 'action' && isReadOnlyAction(event.operationName)) {
    return ignore(`read-only action ${event.operationName}`);
  }
  const id = tryParseArmId(event.resourceId);
  if (!id) return ignore(`not a valid ARM resource id: ${event.resourceId}`);
  if (!id.provider) return ignore(`subscription or resource group scope, not a resource: ${event.resourceId}`);

  const watched = lowerCase(watchedTypes);
  for (let candidate: string | undefined = id.id; candidate !== undefined; candidate = parentOrScope(candidate)) {
    if (watched.has(subjectTypeOf(candidate))) return { kind: 'evaluate', event, targetId: candidate };
  }
  return ignore(`resource type ${resourceTypeOf(id.id)} is not watched (nor any parent type)`);
}

/**
 * Types whose change concerns the scope they are set on: the tags of a resource
 * (`{scope}/providers/Microsoft.Resources/tags/default`), a resource's diagnostic settings, a
 * scope's policy assignments, policy set definitions and budgets (the resource group or subscription they
 * are defined at).
 * Other extension resources (role assignments) never map to their scope.
 */
const SCOPE_TYPES = new Set(['microsoft.resources/tags', 'microsoft.insights/diagnosticsettings', 'microsoft.authorization/policyassignments', 'microsoft.authorization/policysetdefinitions', 'microsoft.consumption/budgets']);

/** The parent resource, or for a SCOPE_TYPES resource the scope it is set on. */
function parentOrScope(id: string): string | undefined {
  const parent = parentResourceId(id);
  if (parent !== undefined) return parent;
  const p = tryParseArmId(id);
  if (!p?.provider || !SCOPE_TYPES.has(resourceTypeOf(id))) return undefined;
  if (p.scope !== undefined) return p.scope;
  if (resourceTypeOf(id) === 'microsoft.resources/tags') return undefined;
  return resourceGroupScope(id) ?? subscriptionScope(id);
}

/** `Microsoft.Storage/storageAccounts/listKeys/action`, `.../listCredentials/action`, `.../read/action`. */
function isReadOnlyAction(operationName: string): boolean {
  const verb = /\/([^/]+)\/action$/i.exec(operationName)?.[1]?.toLowerCase();
  return verb !== undefined && (verb === 'read' || verb.startsWith('list'));
}

function lowerCase(types: ReadonlySet<string>): ReadonlySet<string> {
  return new Set([...types].map((t) => t.trim().toLowerCase()));
}
