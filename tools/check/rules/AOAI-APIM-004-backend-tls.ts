import { enabledSecurityFlags } from '../apim-security';
import { defineRule, fromProblems } from '../model';

export const rule = defineRule({
  id: 'AOAI-APIM-004',
  title: 'API Management uses only TLS 1.2 or later towards backends',
  severity: 'high',
  rationale: 'Prompts and completions travel between API Management and Azure OpenAI; weak protocols must not be negotiable.',
  remediation:
    'Leave security.backend_ssl30_enabled, backend_tls10_enabled and backend_tls11_enabled unset or false ' +
    '(the enable_backend_* names are deprecated).',
  references: { mcsb: ['DP-3'], checkov: ['CKV_AZURE_173'] },
  resourceTypes: ['azurerm_api_management'],
  evaluate(resource) {
    return fromProblems(
      enabledSecurityFlags(resource, [
        ['backend_ssl30_enabled', 'enable_backend_ssl30'],
        ['backend_tls10_enabled', 'enable_backend_tls10'],
        ['backend_tls11_enabled', 'enable_backend_tls11'],
      ]),
    );
  },
});
