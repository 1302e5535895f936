import { defineRule, fromProblems } from '../model';
import { blocks, literalString } from '../values';

export const rule = defineRule({
  id: 'AOAI-AGW-004',
  title: 'HTTP listeners only redirect to HTTPS',
  severity: 'high',
  rationale: 'A plain HTTP listener that forwards to the backend would carry keys and prompts unencrypted over the Internet.',
  remediation:
    'Route every Http listener with a Basic rule whose redirect_configuration targets an Https listener ' +
    '(target_listener_name) or an https:// target_url, redirect_type Permanent.',
  references: { mcsb: ['DP-3'], checkov: ['CKV_AZURE_217'] },
  resourceTypes: ['azurerm_application_gateway'],
  evaluate(resource) {
    const listeners = blocks(resource.values, 'http_listener');
    const protocolOf = new Map(listeners.map((l) => [literalString(l['name']) ?? '', (literalString(l['protocol']) ?? '').toLowerCase()]));
    const redirects = new Map(blocks(resource.values, 'redirect_configuration').map((r) => [literalString(r['name']) ?? '', r]));
    const problems: string[] = [];
    for (const routing of blocks(resource.values, 'request_routing_rule')) {
      const listener = literalString(routing['http_listener_name']) ?? '';
      if (protocolOf.get(listener) !== 'http') {
        continue;
      }
      const ruleName = literalString(routing['name']) ?? '(unnamed)';
      const redirectName = literalString(routing['redirect_configuration_name']);
      const redirect = redirectName === undefined ? undefined : redirects.get(redirectName);
      if (!redirect) {
        problems.push(`rule "${ruleName}" serves HTTP listener "${listener}" without a redirect`);
        continue;
      }
      const target = literalString(redirect['target_listener_name']);
      const url = literalString(redirect['target_url']);
      const toHttps = (target !== undefined && protocolOf.get(target) === 'https') || (url !== undefined && /^https:\/\//i.test(url));
      if (!toHttps) {
        problems.push(`rule "${ruleName}" redirects HTTP listener "${listener}" to ${target ?? url ?? 'nowhere'}, which is not HTTPS`);
      }
    }
    return fromProblems(problems);
  },
});
