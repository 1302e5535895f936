import { compliant, defineRule, nonCompliant, notApplicable } from '../model';

export const rule = defineRule({
  id: 'AOAI-NET-002',
  title: 'Production virtual networks have flow logs',
  severity: 'medium',
  rationale:
    'Virtual network flow logs replace NSG flow logs (which can no longer be created) and record every flow in ' +
    'and out of the gateway subnets, which a production incident review needs.',
  remediation:
    'Add an azurerm_network_watcher_flow_log whose target_resource_id is the virtual network, with traffic ' +
    'analytics sending to the Log Analytics workspace. Non-production environments are not checked.',
  references: { mcsb: ['LT-4'], cis: ['6.1.1.7'] },
  resourceTypes: ['azurerm_virtual_network'],
  evaluate(resource, context) {
    if (!context.production) {
      return notApplicable();
    }
    const logged = context.graph
      .ofType('azurerm_network_watcher_flow_log')
      .some((flowLog) => context.graph.refersTo(flowLog, flowLog.values['target_resource_id'], resource));
    return logged ? compliant() : nonCompliant('no azurerm_network_watcher_flow_log targets this virtual network');
  },
});
