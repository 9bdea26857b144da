import type { Writer } from './remediation-executor';
import { setPropertyWriter } from './set-property-writer';
import { computeStopWriter } from './compute-stop-writer';
import { nsgRuleDeleteWriter } from './nsg-rule-delete-writer';
import { publicIpDetachWriter } from './public-ip-detach-writer';
import { idleShutdownWriter } from './idle-shutdown-writer';
import { roleAssignmentDeleteWriter } from './role-assignment-delete-writer';
import { setTagWriter } from './set-tag-writer';
import { deploymentTrafficWriter } from './deployment-traffic-writer';
import { outboundRuleDeleteWriter } from './outbound-rule-delete-writer';

/** Every kind of write the executor can perform. */
export const writers: readonly Writer[] = [setPropertyWriter as Writer, computeStopWriter as Writer, nsgRuleDeleteWriter as Writer, publicIpDetachWriter as Writer, idleShutdownWriter as Writer, roleAssignmentDeleteWriter as Writer, setTagWriter as Writer, deploymentTrafficWriter as Writer, outboundRuleDeleteWriter as Writer];
