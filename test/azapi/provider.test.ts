import { TerraformStack, Testing } from 'cdktf';

import { AZAPI_PROVIDER_SOURCE, AZAPI_PROVIDER_VERSION, azapiMajorVersion, AzapiProvider } from '../../constructs/azapi/provider';
import { AzapiResource } from '../../constructs/azapi/resource';
import { APIM_ID, synth } from './synth';

function newStack(): TerraformStack {
  return new TerraformStack(Testing.app(), 'test');
}

describe('AzapiProvider', () => {
  it('declares azure/azapi with the pinned 2.x version in required_providers', () => {
    const stack = newStack();
    new AzapiProvider(stack, 'azapi');
    const json = synth(stack);
    expect(json.terraform?.required_providers?.['azapi']).toEqual({ source: 'azure/azapi', version: '2.7.0' });
    expect(AZAPI_PROVIDER_SOURCE).toBe('azure/azapi');
    expect(AZAPI_PROVIDER_VERSION).toMatch(/^2\.\d+\.\d+$/);
    expect(json.provider?.['azapi']).toEqual([{}]);
  });

  it('writes its settings in snake case and never credentials', () => {
    const stack = newStack();
    new AzapiProvider(stack, 'azapi', {
      version: '~> 2.7',
      alias: 'platform',
      subscriptionId: '11111111-1111-1111-1111-111111111111',
      tenantId: '22222222-2222-2222-2222-222222222222',
      environment: 'public',
      useOidc: true,
      useCli: false,
      skipProviderRegistration: true,
    });
    const json = synth(stack);
    expect(json.terraform?.required_providers?.['azapi']?.version).toBe('~> 2.7');
    expect(json.provider?.['azapi']).toEqual([
      {
        alias: 'platform',
        environment: 'public',
        skip_provider_registration: true,
        subscription_id: '11111111-1111-1111-1111-111111111111',
        tenant_id: '22222222-2222-2222-2222-222222222222',
        use_cli: false,
        use_oidc: true,
      },
    ]);
  });

  it('writes the provider block in HCL output too', () => {
    const stack = newStack();
    new AzapiProvider(stack, 'azapi', { useMsi: true });
    const hcl = String(Testing.synthHcl(stack, true));
    expect(hcl).toContain('source = "azure/azapi"');
    expect(hcl).toContain('version = "2.7.0"');
    expect(hcl).toContain('use_msi = true');
  });

  it.each([
    ['1.15.0', /must stay within 2\.x/],
    ['3.0.0', /must stay within 2\.x/],
    ['>= 2.0, < 4.0', /must stay within 2\.x/],
    ['latest', /is not a Terraform version constraint/],
  ])('refuses version %s', (version, problem) => {
    expect(() => new AzapiProvider(newStack(), 'azapi', { version })).toThrow(problem);
  });

  it('accepts exact and pessimistic 2.x constraints', () => {
    expect(azapiMajorVersion('2.7.0')).toBe(2);
    expect(azapiMajorVersion('~> 2.7')).toBe(2);
    expect(azapiMajorVersion('>= 2.5, < 2.9')).toBe(2);
  });

  it('an azapi resource brings its provider: pinned, configured from the stack, and only once', () => {
    class Stack extends TerraformStack {
      azapiProviderConfig() {
        return { tenantId: 'tenant', subscriptionId: 'subscription' };
      }
    }
    const stack = new Stack(Testing.app(), 'with-defaults');
    for (const name of ['first', 'second']) {
      new AzapiResource(stack, name, {
        type: 'Microsoft.ApiManagement/service/backends@2024-06-01-preview',
        name,
        parentId: APIM_ID,
        body: {},
      });
    }
    const json = JSON.parse(Testing.synth(stack, true)) as {
      terraform: { required_providers: Record<string, unknown> };
      provider: Record<string, unknown[]>;
    };
    expect(json.terraform.required_providers['azapi']).toEqual({ source: 'azure/azapi', version: AZAPI_PROVIDER_VERSION });
    expect(json.provider['azapi']).toEqual([{ tenant_id: 'tenant', subscription_id: 'subscription' }]);
  });

  it('a stack without defaults gets the provider of the ambient credentials', () => {
    const stack = newStack();
    new AzapiResource(stack, 'orphan', {
      type: 'Microsoft.ApiManagement/service/backends@2024-06-01-preview',
      name: 'orphan',
      parentId: APIM_ID,
      body: {},
    });
    expect(AzapiProvider.of(stack).node.id).toBe('azapi');
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });
});
