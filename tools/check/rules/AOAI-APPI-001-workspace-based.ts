import { defineRule, fromProblems } from '../model';
import { stringSetting } from '../values';

export const rule = defineRule({
  id: 'AOAI-APPI-001',
  title: 'Application Insights is workspace-based',
  severity: 'medium',
  rationale:
    'Classic Application Insights is retired; a workspace-based component keeps token metrics next to the gateway ' +
    'logs, under the workspace retention and access control.',
  remediation: 'Set workspace_id to the environment Log Analytics workspace.',
  references: { mcsb: ['LT-5'], cis: ['6.1.3.1'] },
  resourceTypes: ['azurerm_application_insights'],
  evaluate(resource) {
    return fromProblems(stringSetting(resource.values['workspace_id']).state === 'absent' ? ['workspace_id is not set'] : []);
  },
});
