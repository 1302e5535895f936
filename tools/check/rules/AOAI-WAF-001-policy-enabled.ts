import { defineRule, fromProblems } from '../model';
import { block, requireBool } from '../values';

export const rule = defineRule({
  id: 'AOAI-WAF-001',
  title: 'The WAF policy is enabled and inspects request bodies',
  severity: 'high',
  rationale:
    'Prompt injection and payload attacks live in JSON bodies; a disabled policy or skipped body inspection lets them straight through.',
  remediation: 'Leave policy_settings.enabled and request_body_check unset or true.',
  references: { mcsb: ['NS-6'], cis: ['7.14'], checkov: ['CKV_AZURE_122'] },
  resourceTypes: ['azurerm_web_application_firewall_policy'],
  evaluate(resource) {
    const settings = block(resource.values, 'policy_settings');
    const problems = (['enabled', 'request_body_check'] as const)
      .map((key) => requireBool(settings, key, true, true))
      .filter((p): p is string => p !== undefined)
      .map((p) => `policy_settings.${p}`);
    return fromProblems(problems);
  },
});
