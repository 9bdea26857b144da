import { armResourceSchema, type ArmResource } from '../model';
import { armPath } from '../resources/role-assignment';
import type { ArmClients } from './clients';
import type { FullOperationResponse } from '@azure/core-client';

export interface PrincipalAssignments {
  /** The principal's role assignments visible from the subscription (at, above and below it), in wire shape. */
  readonly assignments: ArmResource[];
  /**
   * Ids of assignments the estate model cannot hold (management-group or tenant-root scope: not
   * `/subscriptions/...` ids), kept so callers can say so rather than drop them silently.
   */
  readonly outsideModel: string[];
}

/**
 * Lists a principal's role assignments from a subscription: `roleAssignments.listForScope`
 * with `$filter=principalId eq '{id}'` (every page; the classic SDK passes the options on).
 */
export async function listPrincipalAssignments(clients: ArmClients, subscriptionId: string, principalId: string): Promise<PrincipalAssignments> {
  // Items are validated one by one (WireCapture.listed would reject the whole page for one
  // management-group id), so the raw pages are kept here.
  const items: unknown[] = [];
  const onResponse = (raw: FullOperationResponse) => {
    const page: unknown = typeof raw.bodyAsText === 'string' ? JSON.parse(raw.bodyAsText) : undefined;
    const value = page !== null && typeof page === 'object' ? (page as { value?: unknown }).value : undefined;
    if (!Array.isArray(value)) throw new Error(`list role assignments of ${principalId}: response has no value array`);
    items.push(...value);
  };
  const client = clients.authorization(subscriptionId);
  const pages = client.roleAssignments.listForScope(armPath(`/subscriptions/${subscriptionId}`), { onResponse, filter: `principalId eq '${principalId}'` }).byPage();
  for await (const _page of pages) {
    // bodies kept by onResponse
  }
  const assignments: ArmResource[] = [];
  const outsideModel: string[] = [];
  for (const item of items) {
    const parsed = armResourceSchema.safeParse(item);
    if (parsed.success) assignments.push(parsed.data);
    else if (item !== null && typeof item === 'object' && typeof (item as { id?: unknown }).id === 'string') outsideModel.push((item as { id: string }).id);
  }
  return { assignments, outsideModel };
}
