import { defineRule, fromProblems } from '../model';
import { block, blocks, literalString } from '../values';

/** Predefined policies whose minimum protocol is TLS 1.2. */
export const TLS12_PREDEFINED_POLICIES = ['AppGwSslPolicy20170401S', 'AppGwSslPolicy20220101', 'AppGwSslPolicy20220101S'];
const TLS12_MIN_VERSIONS = ['TLSv1_2', 'TLSv1_3'];

function policyProblem(where: string, policy: Record<string, unknown> | undefined): string | undefined {
  if (!policy) {
    return `${where} is not set, so the gateway uses the API-version default policy`;
  }
  const type = literalString(policy['policy_type']);
  const name = literalString(policy['policy_name']);
  if (type === 'Predefined' || (type === undefined && name !== undefined)) {
    return name !== undefined && TLS12_PREDEFINED_POLICIES.includes(name)
      ? undefined
      : `${where}.policy_name must be one of ${TLS12_PREDEFINED_POLICIES.join(', ')}, found ${JSON.stringify(name ?? null)}`;
  }
  if (type === 'Custom' || type === 'CustomV2') {
    const min = literalString(policy['min_protocol_version']);
    return min !== undefined && TLS12_MIN_VERSIONS.includes(min)
      ? undefined
      : `${where}.min_protocol_version must be TLSv1_2 or TLSv1_3, found ${JSON.stringify(min ?? null)}`;
  }
  return `${where}.policy_type must be Predefined, Custom or CustomV2, found ${JSON.stringify(type ?? null)}`;
}

export const rule = defineRule({
  id: 'AOAI-AGW-003',
  title: 'Application Gateway TLS policy requires TLS 1.2 or later',
  severity: 'high',
  rationale:
    'Clients send prompts and keys to the listener; TLS 1.0 and 1.1 must not be negotiable. Azure retires them on ' +
    'Application Gateway, and an explicit policy keeps the choice visible in review.',
  remediation: `Set ssl_policy { policy_type = "Predefined", policy_name = "AppGwSslPolicy20220101S" } (or CustomV2 with min_protocol_version = "TLSv1_2").`,
  references: {
    mcsb: ['DP-3'],
    cis: ['7.12'],
    checkov: ['CKV_AZURE_218'],
    other: ['https://learn.microsoft.com/azure/application-gateway/application-gateway-ssl-policy-overview'],
  },
  resourceTypes: ['azurerm_application_gateway'],
  evaluate(resource) {
    const problems: string[] = [];
    const main = policyProblem('ssl_policy', block(resource.values, 'ssl_policy'));
    if (main) {
      problems.push(main);
    }
    for (const profile of blocks(resource.values, 'ssl_profile')) {
      const nested = block(profile, 'ssl_policy');
      if (nested) {
        const problem = policyProblem(`ssl_profile "${literalString(profile['name']) ?? '?'}".ssl_policy`, nested);
        if (problem) {
          problems.push(problem);
        }
      }
    }
    return fromProblems(problems);
  },
});
