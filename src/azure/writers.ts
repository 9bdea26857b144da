import { computeStopWriter } from './compute-stop-writer';
import { idleShutdownWriter } from './idle-shutdown-writer';
import { nsgRuleDeleteWriter } from './nsg-rule-delete-writer';
import { publicIpDetachWriter } from './public-ip-detach-writer';
import { roleAssignmentDeleteWriter } from './role-assignment-delete-writer';
import { setPropertyWriter } from './set-property-writer';
import { setTagWriter } from './set-tag-writer';
import { deploymentTrafficWriter } from './deployment-traffic-writer';
import { outboundRuleDeleteWriter } from './outbound-rule-delete-writer';
import type { WriterTable } from './writer';

/** Every kind of write the executor can perform, by kind. */
export const WRITERS: WriterTable = {
  'set-property': setPropertyWriter,
  'stop-compute': computeStopWriter,
  'set-idle-shutdown': idleShutdownWriter,
  'delete-nsg-rule': nsgRuleDeleteWriter,
  'detach-public-ip': publicIpDetachWriter,
  'delete-role-assignment': roleAssignmentDeleteWriter,
  'set-tag': setTagWriter,
  'zero-deployment-traffic': deploymentTrafficWriter,
  'delete-outbound-rule': outboundRuleDeleteWriter,
};
