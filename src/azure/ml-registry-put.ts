import { parseArmId, type JsonValue } from '../model';
import { API_VERSIONS } from '../resources/api-versions';
import { rawGet } from '../resources/raw-read';
import type { ArmClients } from './clients';
import { putBodyAsRead } from './online-endpoint-put';
import { pollInterval } from './poll-interval';
import { armUrl, sendArmAndWait } from './raw-arm';
import { WireCapture } from './wire-body';
import { captureWire } from './wire-scope';

/** Server-populated registry properties: never sent back (ARM ignores the other read-only values a PUT repeats). */
const READ_ONLY = new Set(['provisioningState']);

/**
 * Sets one property of an Azure ML registry. Registries_Update (PATCH) takes only tags, sku and
 * identity (PartialRegistryPartialTrackedResource), so the smallest write the API accepts is a
 * PUT of the registry as read with that property changed (long-running, Azure-AsyncOperation).
 */
export async function setMlRegistryProperty(clients: ArmClients, id: string, property: string, value: JsonValue): Promise<void> {
  const p = parseArmId(id);
  const client = clients.machineLearning(p.subscriptionId);
  const capture = new WireCapture();
  await captureWire(capture, () => rawGet(client, p.id, API_VERSIONS.machineLearning));
  const current = capture.resource(`GET ${id}`);
  await sendArmAndWait(client, { method: 'PUT', url: armUrl(clients.connection, p.id, API_VERSIONS.machineLearning), body: putBodyAsRead(current, property, value, READ_ONLY) }, pollInterval());
}
