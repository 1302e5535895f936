import { FLOW_LOG_ARM_TYPE, flowLogView } from '../flow-logs';
import { compliant, defineRule, nonCompliant, notApplicable } from '../model';

export const rule = defineRule({
  id: 'AOAI-NET-002',
  title: 'Production virtual networks have flow logs',
  severity: 'medium',
  rationale:
    'Virtual network flow logs replace NSG flow logs (which can no longer be created) and record every flow in ' +
    'and out of the gateway subnets, which a production incident review needs.',
  remediation:
    `Add a flow log (azapi ${FLOW_LOG_ARM_TYPE}, or azurerm_network_watcher_flow_log) whose target is the virtual ` +
    'network, with traffic analytics sending to the Log Analytics workspace. Non-production environments are not checked.',
  references: { mcsb: ['LT-4'], cis: ['6.1.1.7'] },
  resourceTypes: ['azurerm_virtual_network'],
  evaluate(resource, context) {
    if (!context.production) {
      return notApplicable();
    }
    const logged = [...context.graph.ofType('azurerm_network_watcher_flow_log'), ...context.graph.ofType('azapi_resource')].some(
      (candidate) => {
        const flowLog = flowLogView(candidate);
        return flowLog !== undefined && context.graph.refersTo(candidate, flowLog.targetResourceId, resource);
      },
    );
    return logged ? compliant() : nonCompliant('no virtual network flow log targets this virtual network');
  },
});
