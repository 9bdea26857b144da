import { ArmError } from '../arm-error';
import { operationStatusBody, operationUrls } from '../operations';
import type { Reply, SandboxState } from './context';

/**
 * A poll of an operation URL. Azure-AsyncOperation (`status`) always answers 200 with the status
 * body; Location (`result`) answers 202 while in progress, then 200 with the resource (PUT/PATCH)
 * or 204 (DELETE/actions), or the operation's error status and body when it failed.
 */
export function pollOperation(state: SandboxState, operationId: string, flavor: 'status' | 'result', path: string): Reply {
  const op = state.operations.poll(operationId);
  if (!op) throw new ArmError(404, 'OperationNotFound', `The operation '${operationId}' could not be found.`);
  if (flavor === 'status') return { status: 200, body: operationStatusBody(op, path) };
  switch (op.status) {
    case 'InProgress':
      return { status: 202, headers: { Location: operationUrls(state.endpoint, op).location } };
    case 'Succeeded':
      return op.result === undefined ? { status: 204 } : { status: 200, body: op.result };
    case 'Failed':
      throw op.error ?? new ArmError(500, 'InternalServerError', 'The operation failed.');
  }
}
