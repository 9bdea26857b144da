/** `GET /api/rules`: the catalog with each rule's effective mode, so people deciding on an exception read what the rule protects and what AML Guard would do. */
import { effectiveMode } from '../model';
import { authorize, READ_ROLES } from './exceptions';
import { json } from './responses';
import type { ApiDeps, ApiRequest, ApiResponse } from './types';

export async function getRules(request: ApiRequest, deps: ApiDeps): Promise<ApiResponse> {
  await authorize(request, deps, READ_ROLES);
  const rules = deps.ctx.rules.map((r) => ({
    id: r.id,
    title: r.title,
    severity: r.severity,
    rationale: r.rationale,
    benchmark: r.benchmark,
    remediation: r.remediation,
    mode: effectiveMode(deps.ctx.config, r.id, r.defaultMode),
  }));
  return json(200, { rules });
}
