import { requiredDiagnosticTargets } from '../../../lib/azure/diagnostic-coverage';
import { defineRule, fromProblems } from '../model';

/** The types and targets the project's diagnostics table requires (lib/azure/diagnostic-coverage.ts). */
const REQUIRED = requiredDiagnosticTargets();

export const DIAGNOSED_TYPES = Object.keys(REQUIRED).sort();

export const rule = defineRule({
  id: 'AOAI-DIAG-001',
  title: 'Every resource that emits resource logs has a diagnostic setting',
  severity: 'medium',
  rationale:
    'Azure keeps no resource logs unless a diagnostic setting sends them somewhere. Key Vault access, WAF blocks, ' +
    'OpenAI requests and gateway calls are lost for good otherwise.',
  remediation:
    'Add an azurerm_monitor_diagnostic_setting whose target_resource_id is the resource (for storage, also its ' +
    'blobServices/default sub-resource) sending logs and metrics to the Log Analytics workspace.',
  references: { mcsb: ['LT-3'], cis: ['6.1.4', '6.1.1.4'] },
  resourceTypes: DIAGNOSED_TYPES,
  evaluate(resource, context) {
    const settings = context.graph
      .ofType('azurerm_monitor_diagnostic_setting')
      .filter((setting) => context.graph.refersTo(setting, setting.values['target_resource_id'], resource));
    const targets = REQUIRED[resource.type] ?? [''];
    const missing = targets.filter(
      (suffix) =>
        !settings.some((setting) => {
          const target = String(setting.values['target_resource_id'] ?? '');
          // The resource itself: its id and nothing after it; a sub-resource: its id and that suffix.
          return suffix === '' ? !target.includes('}/') : target.endsWith(suffix);
        }),
    );
    return fromProblems(
      missing.map((suffix) =>
        suffix === ''
          ? 'no azurerm_monitor_diagnostic_setting targets this resource'
          : `no azurerm_monitor_diagnostic_setting targets its ${suffix.slice(1)} sub-resource`,
      ),
    );
  },
});
