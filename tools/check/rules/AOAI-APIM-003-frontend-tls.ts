import { enabledSecurityFlags } from '../apim-security';
import { defineRule, fromProblems } from '../model';

export const rule = defineRule({
  id: 'AOAI-APIM-003',
  title: 'API Management accepts only TLS 1.2 or later from clients',
  severity: 'high',
  rationale: 'SSL 3.0, TLS 1.0 and TLS 1.1 are broken or deprecated; clients sending prompts must use TLS 1.2+.',
  remediation:
    'Leave security.frontend_ssl30_enabled, frontend_tls10_enabled and frontend_tls11_enabled unset or false ' +
    '(azurerm 4.x names; the enable_frontend_* names are deprecated).',
  references: { mcsb: ['DP-3'], checkov: ['CKV_AZURE_173'] },
  resourceTypes: ['azurerm_api_management'],
  evaluate(resource) {
    return fromProblems(
      enabledSecurityFlags(resource, [
        ['frontend_ssl30_enabled', 'enable_frontend_ssl30'],
        ['frontend_tls10_enabled', 'enable_frontend_tls10'],
        ['frontend_tls11_enabled', 'enable_frontend_tls11'],
      ]),
    );
  },
});
