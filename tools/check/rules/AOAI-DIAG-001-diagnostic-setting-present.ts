import { compliant, defineRule, nonCompliant } from '../model';

export const DIAGNOSED_TYPES = [
  'azurerm_api_management',
  'azurerm_application_gateway',
  'azurerm_cognitive_account',
  'azurerm_key_vault',
  'azurerm_network_security_group',
  'azurerm_public_ip',
  'azurerm_storage_account',
];

export const rule = defineRule({
  id: 'AOAI-DIAG-001',
  title: 'Every resource that emits resource logs has a diagnostic setting',
  severity: 'medium',
  rationale:
    'Azure keeps no resource logs unless a diagnostic setting sends them somewhere. Key Vault access, WAF blocks, ' +
    'OpenAI requests and gateway calls are lost for good otherwise.',
  remediation:
    'Add an azurerm_monitor_diagnostic_setting whose target_resource_id is the resource (for storage, its ' +
    'blobServices/default sub-resource counts) sending logs and metrics to the Log Analytics workspace.',
  references: { mcsb: ['LT-3'], cis: ['6.1.4', '6.1.1.4'] },
  resourceTypes: DIAGNOSED_TYPES,
  evaluate(resource, context) {
    const covered = context.graph
      .ofType('azurerm_monitor_diagnostic_setting')
      .some((setting) => context.graph.refersTo(setting, setting.values['target_resource_id'], resource));
    return covered ? compliant() : nonCompliant('no azurerm_monitor_diagnostic_setting targets this resource');
  },
});
