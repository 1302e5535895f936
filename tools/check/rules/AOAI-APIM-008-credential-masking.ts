import { apimDiagnostic, isApimDiagnostic, type MaskRule } from '../apim-diagnostics';
import { defineRule, fromProblems, notApplicable } from '../model';

/** Headers that carry credentials or session state. */
export const SENSITIVE_HEADERS = ['authorization', 'proxy-authorization', 'api-key', 'ocp-apim-subscription-key', 'cookie', 'set-cookie'];
/** Query parameters API Management accepts credentials in. */
export const SENSITIVE_QUERY_PARAMS = ['subscription-key'];

function masked(masks: readonly MaskRule[], name: string): boolean {
  return masks.some((m) => m.value.toLowerCase() === name && ['mask', 'hide'].includes(m.mode.toLowerCase()));
}

export const rule = defineRule({
  id: 'AOAI-APIM-008',
  title: 'API Management diagnostics never log credentials',
  severity: 'high',
  rationale:
    'Logs are readable by far more people than the gateway keys. An Authorization, api-key or subscription key ' +
    "header logged in clear text, or a subscription-key in a logged URL, hands callers' credentials to every reader.",
  remediation:
    'For every logged header in ' +
    SENSITIVE_HEADERS.join(', ') +
    ' add a data_masking header rule (mode Hide or Mask), and on the frontend request mask the query parameter ' +
    'subscription-key. Better still, do not list credential headers in headers_to_log.',
  references: { mcsb: ['IM-8', 'LT-3'] },
  resourceTypes: ['azurerm_api_management_diagnostic', 'azurerm_api_management_api_diagnostic', 'azapi_resource'],
  evaluate(resource) {
    if (!isApimDiagnostic(resource)) {
      return notApplicable();
    }
    const diagnostic = apimDiagnostic(resource);
    if (!diagnostic) {
      return fromProblems(['the diagnostic body is an expression, so its masking cannot be verified']);
    }
    const problems: string[] = [];
    for (const direction of diagnostic.directions) {
      for (const header of direction.headersToLog) {
        const name = header.toLowerCase();
        if (SENSITIVE_HEADERS.includes(name) && !masked(direction.headerMasks, name)) {
          problems.push(`${direction.name} logs header "${header}" without masking it`);
        }
      }
      if (direction.name === 'frontend_request') {
        for (const param of SENSITIVE_QUERY_PARAMS) {
          if (!masked(direction.queryMasks, param)) {
            problems.push(`${direction.name} does not mask the query parameter "${param}"`);
          }
        }
      }
    }
    return fromProblems(problems);
  },
});
