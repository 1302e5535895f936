import { apimDiagnostic, isApimDiagnostic } from '../apim-diagnostics';
import { defineRule, fromProblems, notApplicable } from '../model';
import { describeSetting } from '../values';

export const rule = defineRule({
  id: 'AOAI-APIM-007',
  title: 'API Management diagnostics log every request (sampling 100%)',
  severity: 'medium',
  rationale:
    'The gateway is the audit trail and the chargeback source for token use; sampled logs lose requests, and ' +
    'their prompts, completions and token counts, for good.',
  remediation:
    'Set sampling_percentage = 100 on azurerm_api_management_diagnostic / _api_diagnostic, or ' +
    'properties.sampling = { samplingType = "fixed", percentage = 100 } in an azapi diagnostic body.',
  references: { mcsb: ['LT-3'] },
  resourceTypes: ['azurerm_api_management_diagnostic', 'azurerm_api_management_api_diagnostic', 'azapi_resource'],
  evaluate(resource) {
    if (!isApimDiagnostic(resource)) {
      return notApplicable();
    }
    const diagnostic = apimDiagnostic(resource);
    if (!diagnostic) {
      return fromProblems(['the diagnostic body is an expression, so its sampling cannot be verified']);
    }
    const sampling = diagnostic.sampling;
    return fromProblems(
      sampling.state === 'literal' && sampling.value === 100 ? [] : [`sampling percentage must be 100, found ${describeSetting(sampling)}`],
    );
  },
});
