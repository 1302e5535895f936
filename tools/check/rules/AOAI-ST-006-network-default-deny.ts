import { compliant, defineRule, fromProblems } from '../model';
import { block, describeSetting, stringSetting } from '../values';

export const rule = defineRule({
  id: 'AOAI-ST-006',
  title: 'Storage account network rules deny by default',
  severity: 'medium',
  rationale: 'The firewall default is what applies the moment public access is turned back on; Deny keeps the account closed.',
  remediation:
    'Add network_rules { default_action = "Deny", bypass = ["AzureServices"] } on the account (or an ' +
    'azurerm_storage_account_network_rules resource).',
  references: { mcsb: ['NS-2'], cis: ['9.3.2.3'], checkov: ['CKV_AZURE_35'] },
  resourceTypes: ['azurerm_storage_account'],
  evaluate(resource, context) {
    const separate = context.graph
      .ofType('azurerm_storage_account_network_rules')
      .find((rules) => context.graph.refersTo(rules, rules.values['storage_account_id'], resource));
    const rules = separate?.values ?? block(resource.values, 'network_rules');
    if (!rules) {
      return fromProblems(['network_rules is not set (Azure defaults to Allow)']);
    }
    const action = stringSetting(rules['default_action']);
    if (action.state === 'literal' && action.value === 'Deny') {
      return compliant();
    }
    return fromProblems([`network_rules.default_action must be "Deny", found ${describeSetting(action)}`]);
  },
});
