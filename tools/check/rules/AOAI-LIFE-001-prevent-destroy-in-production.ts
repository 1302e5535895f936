import { defineRule, fromProblems, notApplicable } from '../model';
import { block, requireBool } from '../values';

export const rule = defineRule({
  id: 'AOAI-LIFE-001',
  title: 'Production data stores are protected from destroy',
  severity: 'high',
  rationale:
    'Key Vault, the storage account and the Log Analytics workspace hold certificates, the audit archive and the ' +
    'request log. A renamed construct id or a refactor would make Terraform destroy and recreate them.',
  remediation: 'Set lifecycle { prevent_destroy = true } on these resources in production environments.',
  references: { mcsb: ['BR-2', 'DP-8'], cis: ['9.3.9'] },
  resourceTypes: ['azurerm_key_vault', 'azurerm_storage_account', 'azurerm_log_analytics_workspace'],
  evaluate(resource, context) {
    if (!context.production) {
      return notApplicable();
    }
    const problem = requireBool(block(resource.values, 'lifecycle'), 'prevent_destroy', true, false);
    return fromProblems(problem ? [`lifecycle.${problem}`] : []);
  },
});
