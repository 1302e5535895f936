import { defineRule, fromProblems } from '../model';
import { boolSetting, describeSetting } from '../values';

export const rule = defineRule({
  id: 'AOAI-APPI-002',
  title: 'Application Insights accepts Entra ID authenticated telemetry only',
  severity: 'medium',
  rationale:
    'With local authentication on, anyone holding the connection string (an instrumentation key) can write, and ' +
    'forge, the token metrics chargeback relies on. API Management sends with its managed identity instead ' +
    '(https://learn.microsoft.com/azure/azure-monitor/app/azure-ad-authentication).',
  remediation:
    'Set local_authentication_disabled = true and give the senders "Monitoring Metrics Publisher" on the component ' +
    '(API Management: a logger with managed identity credentials).',
  references: { mcsb: ['IM-1'] },
  resourceTypes: ['azurerm_application_insights'],
  evaluate(resource) {
    const disabled = boolSetting(resource.values['local_authentication_disabled']);
    const ok = disabled.state === 'literal' && disabled.value;
    return fromProblems(ok ? [] : [`local_authentication_disabled must be true, found ${describeSetting(disabled)}`]);
  },
});
