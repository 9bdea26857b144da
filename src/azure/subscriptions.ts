import { clientOptions, type ArmConnection } from './connection';

/**
 * Every subscription the identity can read and that is enabled (or past due / warned: still
 * running resources), for a sweep with no AMLGUARD_SUBSCRIPTIONS. Disabled and deleted ones are skipped.
 */
export async function listReadableSubscriptions(connection: ArmConnection): Promise<string[]> {
  const sdk: typeof import('@azure/arm-resources-subscriptions') = require('@azure/arm-resources-subscriptions');
  const client = new sdk.SubscriptionClient(connection.credential, clientOptions(connection));
  const ids: string[] = [];
  for await (const s of client.subscriptions.list()) {
    const state = (s.state ?? 'Enabled').toLowerCase();
    if (s.subscriptionId && (state === 'enabled' || state === 'pastdue' || state === 'warned')) ids.push(s.subscriptionId.toLowerCase());
  }
  return ids;
}
