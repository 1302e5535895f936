import { defineRule, fromProblems } from '../model';
import { describeSetting, numberSetting } from '../values';

/** azurerm's default when retention_in_days is not set. */
const PROVIDER_DEFAULT_DAYS = 30;

export const rule = defineRule({
  id: 'AOAI-LAW-001',
  title: 'Log Analytics keeps data for 90 days in production (30 elsewhere)',
  severity: 'medium',
  rationale:
    'Gateway logs answer "who sent what, when" for incident response, billing disputes and audits, which ' +
    'routinely look back a full quarter. Non-production keeps the 30-day minimum to limit cost.',
  remediation: 'Set retention_in_days >= 90 in production; tables that hold the audit trail may keep longer via table-level retention.',
  references: { mcsb: ['LT-6'] },
  resourceTypes: ['azurerm_log_analytics_workspace'],
  evaluate(resource, context) {
    const minimum = context.production ? 90 : 30;
    const setting = numberSetting(resource.values['retention_in_days']);
    const days = setting.state === 'absent' ? PROVIDER_DEFAULT_DAYS : setting.state === 'literal' ? setting.value : undefined;
    if (days !== undefined && days >= minimum) {
      return fromProblems([]);
    }
    const shown = setting.state === 'absent' ? `not set (provider default ${PROVIDER_DEFAULT_DAYS})` : describeSetting(setting);
    return fromProblems([`retention_in_days must be >= ${minimum}${context.production ? ' in production' : ''}, found ${shown}`]);
  },
});
