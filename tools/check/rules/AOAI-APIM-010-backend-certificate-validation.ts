import { APIM_BACKEND } from '../apim-diagnostics';
import { azapiProperties, isAzapiOfType } from '../azapi';
import { defineRule, fromProblems, notApplicable } from '../model';
import { block, boolSetting, describeSetting, isRecord } from '../values';

export const rule = defineRule({
  id: 'AOAI-APIM-010',
  title: 'API Management validates backend certificates',
  severity: 'high',
  rationale: 'Without chain and name validation, anything on the path can impersonate Azure OpenAI and read every prompt.',
  remediation:
    'Leave tls.validate_certificate_chain and tls.validate_certificate_name unset or true (azapi: properties.tls.validateCertificateChain/Name).',
  references: { mcsb: ['DP-3'] },
  resourceTypes: ['azurerm_api_management_backend', 'azapi_resource'],
  evaluate(resource) {
    let tls: Record<string, unknown> | undefined;
    let names: readonly [string, string];
    if (resource.type === 'azapi_resource') {
      if (!isAzapiOfType(resource, APIM_BACKEND)) {
        return notApplicable();
      }
      const value = azapiProperties(resource)?.['tls'];
      tls = isRecord(value) ? value : undefined;
      names = ['validateCertificateChain', 'validateCertificateName'];
    } else {
      tls = block(resource.values, 'tls');
      names = ['validate_certificate_chain', 'validate_certificate_name'];
    }
    const problems = names.flatMap((name) => {
      const setting = boolSetting(tls?.[name]);
      return setting.state === 'absent' || (setting.state === 'literal' && setting.value)
        ? []
        : [`tls.${name} must be true, found ${describeSetting(setting)}`];
    });
    return fromProblems(problems);
  },
});
