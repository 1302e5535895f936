import { defineRule, fromProblems } from '../model';
import { block, describeSetting, stringSetting } from '../values';

export const rule = defineRule({
  id: 'AOAI-KV-005',
  title: 'Key Vault network ACLs deny by default',
  severity: 'high',
  rationale:
    'The firewall default applies whenever public access is re-enabled, for example during an incident; Deny ' +
    'keeps the vault closed to everything not explicitly allowed.',
  remediation: 'Add network_acls { default_action = "Deny", bypass = "AzureServices" } with only the IPs or subnets that need access.',
  references: { mcsb: ['NS-2'], checkov: ['CKV_AZURE_109'] },
  resourceTypes: ['azurerm_key_vault'],
  evaluate(resource) {
    const acls = block(resource.values, 'network_acls');
    if (!acls) {
      return fromProblems(['network_acls is not set (Azure defaults to Allow)']);
    }
    const action = stringSetting(acls['default_action']);
    return fromProblems(
      action.state === 'literal' && action.value === 'Deny'
        ? []
        : [`network_acls.default_action must be "Deny", found ${describeSetting(action)}`],
    );
  },
});
