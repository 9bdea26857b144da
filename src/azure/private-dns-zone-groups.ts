import { parseArmId, type ArmResource } from '../model';
import type { ArmClients } from './clients';
import { privateDnsZoneGroup } from '../resources/private-dns-zone-group';
import { WireCapture } from './wire-body';
import { typeFromId } from './type-from-id';
import { captureWire } from './wire-scope';

/** Every private DNS zone group of a private endpoint (all pages), in wire shape. A 404 (endpoint gone) rejects with a RestError. */
export async function listPrivateDnsZoneGroups(clients: ArmClients, privateEndpointId: string): Promise<ArmResource[]> {
  const p = parseArmId(privateEndpointId);
  const capture = new WireCapture();
  await captureWire(
    capture,
    async () => {
      for await (const _page of clients.network(p.subscriptionId).privateDnsZoneGroups.list(p.resourceGroup!, p.names[0]!).byPage()) {
        // bodies are captured page by page by the pipeline policy
      }
    },
    typeFromId(privateDnsZoneGroup.armType),
  );
  return capture.listed(`list private DNS zone groups of ${privateEndpointId}`);
}
