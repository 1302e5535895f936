import { defineRule, fromProblems } from '../model';
import { blocks, literalString } from '../values';

export const rule = defineRule({
  id: 'AOAI-AGW-006',
  title: 'Application Gateway re-encrypts traffic to its backends',
  severity: 'medium',
  rationale:
    'End-to-end TLS keeps prompts and keys encrypted inside the virtual network too, and lets API Management see the original host.',
  remediation: 'Set protocol = "Https" (port 443) on every backend_http_settings block.',
  references: { mcsb: ['DP-3'] },
  resourceTypes: ['azurerm_application_gateway'],
  evaluate(resource) {
    const problems = blocks(resource.values, 'backend_http_settings')
      .filter((settings) => literalString(settings['protocol'])?.toLowerCase() !== 'https')
      .map(
        (settings) =>
          `backend_http_settings "${literalString(settings['name']) ?? '(unnamed)'}" uses ${JSON.stringify(settings['protocol'] ?? null)}, not Https`,
      );
    return fromProblems(problems);
  },
});
