import { defineRule, fromProblems } from '../model';
import { block, describeSetting, stringSetting } from '../values';

export const rule = defineRule({
  id: 'AOAI-OAI-004',
  title: 'Azure OpenAI network ACLs deny by default',
  severity: 'medium',
  rationale: 'The ACL default applies whenever public access is switched back on; Deny keeps the account closed to all but named networks.',
  remediation: 'Add network_acls { default_action = "Deny" } with no ip_rules.',
  references: { mcsb: ['NS-2'] },
  resourceTypes: ['azurerm_cognitive_account'],
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
