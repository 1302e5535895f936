import { defineRule, fromProblems } from '../model';
import { boolSetting, describeSetting } from '../values';

export const rule = defineRule({
  id: 'AOAI-LAW-002',
  title: 'Log Analytics accepts Entra ID authentication only',
  severity: 'medium',
  rationale:
    'Workspace keys let anyone who holds them write (and forge) log records, including the gateway audit trail. ' +
    'Diagnostic settings and Azure Monitor agents use Entra ID.',
  remediation: 'Set local_authentication_enabled = false (azurerm 4.x; local_authentication_disabled = true is the deprecated form).',
  references: { mcsb: ['IM-1'] },
  resourceTypes: ['azurerm_log_analytics_workspace'],
  evaluate(resource) {
    const enabled = boolSetting(resource.values['local_authentication_enabled']);
    const disabled = boolSetting(resource.values['local_authentication_disabled']);
    const ok = (enabled.state === 'literal' && !enabled.value) || (disabled.state === 'literal' && disabled.value);
    return fromProblems(
      ok ? [] : [`local_authentication_enabled must be false, found ${describeSetting(enabled.state === 'absent' ? disabled : enabled)}`],
    );
  },
});
