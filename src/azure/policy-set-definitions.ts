import { parsePolicySetDefinitionId, type ArmResource } from '../model';
import { policySetDefinition, readPolicySetDefinition } from '../resources/policy-set-definition';
import { isNotFound } from './arm-error';
import type { ArmClients } from './clients';
import { typeFromId } from './type-from-id';
import { WireCapture } from './wire-body';
import { captureWire } from './wire-scope';

/**
 * A policy set definition an assignment of `subscriptionId` names (built in, at a management group
 * or at a subscription), in wire shape; null when ARM says 404 (deleted). Throws on any other failure.
 */
export async function getPolicySetDefinition(clients: ArmClients, id: string, subscriptionId: string): Promise<ArmResource | null> {
  const location = parsePolicySetDefinitionId(id);
  if (!location) throw new Error(`not a policy set definition id: ${id}`);
  const capture = new WireCapture();
  try {
    await captureWire(capture, () => readPolicySetDefinition(clients, location, subscriptionId, {}), typeFromId(policySetDefinition.armType));
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
  return capture.resource(`GET ${id}`);
}
