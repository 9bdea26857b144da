/** `GET /api/findings?status=&severity=&ruleId=`: stored findings (Reader; Requester and Approver may read too). */
import { z } from 'zod';
import { findingStatusSchema, severitySchema, SEVERITY_ORDER } from '../model';
import { authorize, READ_ROLES } from './exceptions';
import { json } from './responses';
import type { ApiDeps, ApiRequest, ApiResponse } from './types';
import { parseQuery } from './validation';

function querySchema(deps: ApiDeps) {
  const ruleIds = deps.ctx.rules.map((r) => r.id);
  return z.strictObject({
    status: z.string().pipe(findingStatusSchema).optional(),
    severity: z.string().pipe(severitySchema).optional(),
    ruleId: z.string().refine((id) => ruleIds.includes(id), { message: `is not a rule in the catalog (known: ${ruleIds.join(', ')})` }).optional(),
  });
}

export async function getFindings(request: ApiRequest, deps: ApiDeps): Promise<ApiResponse> {
  await authorize(request, deps, READ_ROLES);
  const q = parseQuery(request, querySchema(deps));
  const found = await deps.ctx.store.findings.list({
    ...(q.status ? { status: q.status } : {}),
    ...(q.severity ? { severity: q.severity } : {}),
    ...(q.ruleId ? { ruleId: q.ruleId } : {}),
  });
  found.sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || a.ruleId.localeCompare(b.ruleId) || a.resourceId.localeCompare(b.resourceId));
  return json(200, { findings: found });
}
