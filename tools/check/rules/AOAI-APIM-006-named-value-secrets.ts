import { defineRule, fromProblems } from '../model';
import { block, boolSetting, literalString, stringSetting } from '../values';

/** Named values whose name says they hold a credential. */
const CREDENTIAL_NAME = /(key|secret|password|passwd|token|credential|connection[-_]?string|sas)/i;

export const rule = defineRule({
  id: 'AOAI-APIM-006',
  title: 'API Management secrets come from Key Vault, never plain text',
  severity: 'critical',
  rationale:
    'A secret named value written in Terraform lands in the state file and the synthesized JSON; a credential not ' +
    'marked secret is also shown in the portal and policy traces.',
  remediation:
    'Mark credential named values secret = true and set value_from_key_vault { secret_id = <versionless secret id> } ' +
    'instead of value; API Management reads them with its managed identity.',
  references: { mcsb: ['IM-8'] },
  resourceTypes: ['azurerm_api_management_named_value'],
  evaluate(resource) {
    const secret = boolSetting(resource.values['secret']);
    const isSecret = secret.state === 'literal' && secret.value;
    const fromVault = block(resource.values, 'value_from_key_vault') !== undefined;
    const value = stringSetting(resource.values['value']);
    const name = `${literalString(resource.values['name']) ?? ''} ${literalString(resource.values['display_name']) ?? ''}`;
    const problems: string[] = [];
    if (isSecret && !fromVault) {
      problems.push(
        value.state === 'literal'
          ? 'secret named value has its value written in plain text; use value_from_key_vault'
          : 'secret named value does not come from value_from_key_vault',
      );
    }
    if (!isSecret && CREDENTIAL_NAME.test(name)) {
      problems.push(`named value "${name.trim()}" looks like a credential but secret is not true`);
    }
    return fromProblems(problems);
  },
});
