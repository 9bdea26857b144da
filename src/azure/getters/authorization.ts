import { parseArmId, ResourceTypes } from '../../model';
import { armPath } from '../authorization-client';
import type { GetterTable } from './getter';

/** Role assignments at any scope (subscription, group, resource), read by their full id. */
export const authorizationGetters: GetterTable = {
  [ResourceTypes.roleAssignment]: (c, id, cap) => c.authorization(parseArmId(id).subscriptionId).roleAssignments.getById(armPath(id), cap.options),
};
