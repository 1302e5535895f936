import { readFileSync } from 'node:fs';

import { projectPath } from '../../lib/paths';
import { SUBSCRIPTION_KEY_PARAMETER_NAMES } from '../../lib/policy/openai-api';
import { onlyResource, shippedConfig, stackOf, synthShipped } from '../helpers/synth';
import { apiPolicy, attr, onlyElement } from './helpers';

/**
 * The README shows callers how to send both credentials the gateway requires. These tests keep its examples true to
 * the synthesized prod gateway: scope, endpoint, key header, API path.
 * SDK behaviour relied on: openai-python src/openai/lib/azure.py (`_prepare_options`: the token wins over
 * `api_key`, default headers are kept), openai-node src/azure.ts (`apiKey` and `azureADTokenProvider` are
 * mutually exclusive; a per-request `api-key` header skips the token).
 */
const HEADING = '### Calling the gateway from an SDK';

function section(): string {
  const readme = readFileSync(projectPath('README.md'), 'utf8');
  const start = readme.indexOf(HEADING);
  expect(start).toBeGreaterThan(-1);
  return readme.slice(start + HEADING.length).split(/\n#{2,3} /)[0]!;
}

function codeBlocks(language: string): string[] {
  return [...section().matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);
}

describe('the SDK contract in the README', () => {
  const synth = synthShipped();
  const config = shippedConfig('prod');
  const identifierUri = String(stackOf(synth, 'prod-identity').output?.['gateway-identifier-uri']?.value);
  const scope = `${identifierUri.replace(config.azure.tenantId, '<tenant id>')}/.default`;
  const endpoint = `https://${config.applicationGateway.hostName}`;
  const header = SUBSCRIPTION_KEY_PARAMETER_NAMES.header;

  it('the gateway requires both: an Entra token on Authorization and the subscription key in api-key', () => {
    const gateway = stackOf(synth, 'prod-gateway');
    expect(attr(onlyElement(apiPolicy(gateway), 'validate-azure-ad-token'), 'header-name')).toBe('Authorization');
    expect(onlyResource(gateway, 'azurerm_api_management_api')).toMatchObject({
      subscription_required: true,
      subscription_key_parameter_names: { header },
    });
  });

  it('Python: AzureOpenAI with a token provider for the gateway scope and the key as a default api-key header', () => {
    const [python] = codeBlocks('python');
    expect(python).toContain(`azure_endpoint="${endpoint}"`);
    expect(python).toContain('azure_ad_token_provider=get_bearer_token_provider(');
    expect(python).toContain(`"${scope}"`);
    expect(python).toContain(`default_headers={"${header}": "<subscription key>"}`);
    expect(python).not.toMatch(/\bapi_key=/);
  });

  it('JavaScript: AzureOpenAI with azureADTokenProvider for the gateway scope and the key in defaultHeaders', () => {
    const [typescript] = codeBlocks('ts');
    expect(typescript).toContain(`endpoint: "${endpoint}"`);
    expect(typescript).toContain('azureADTokenProvider: getBearerTokenProvider(');
    expect(typescript).toContain(`"${scope}"`);
    expect(typescript).toContain(`defaultHeaders: { "${header}": "<subscription key>" }`);
    expect(typescript).not.toMatch(/\bapiKey:/);
  });

  it('calls a deployment every prod tier may use', () => {
    for (const block of [...codeBlocks('python'), ...codeBlocks('ts')]) {
      const model = /model[=:] ?"([^"]+)"/.exec(block)?.[1];
      expect(config.access.tiers.some((tier) => tier.deployments.includes(model!))).toBe(true);
    }
  });
});
