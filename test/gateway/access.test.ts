import { TerraformStack, Testing } from 'cdktf';

import { entraGroupExternalId } from '../../constructs/apim/access-product';
import { DeveloperPortalSignIn } from '../../constructs/apim/developer-portal-sign-in';
import {
  type Attributes,
  onlyResource,
  rawEnvironment,
  resourcesOf,
  SHIPPED_ENVIRONMENTS,
  shippedConfig,
  stackOf,
  synthesizeConfigs,
  synthShipped,
  validate,
} from '../helpers/synth';
import { addressOf, attr, elementsNamed, onlyElement, productPolicies, sectionOf, textOf } from './helpers';

const synth = synthShipped();
const gateway = (env: string) => stackOf(synth, `${env}-gateway`);
const ENVIRONMENTS = SHIPPED_ENVIRONMENTS;

/** Resources of a type keyed by the product id they name through `${azurerm_api_management_product.<x>.product_id}`. */
function byProduct(env: string, type: string): Record<string, Attributes> {
  const stack = gateway(env);
  const productIds = Object.fromEntries(
    Object.entries(resourcesOf(stack, 'azurerm_api_management_product')).map(([tf, p]) => [
      `\${azurerm_api_management_product.${tf}.product_id}`,
      String(p.product_id),
    ]),
  );
  return Object.fromEntries(Object.values(resourcesOf(stack, type)).map((r) => [productIds[String(r.product_id)]!, r]));
}

/** Values the tier's required claim accepts. */
function claimValues(xml: string): string[] {
  return onlyElement(xml, 'claim')
    .children.filter((child) => child.kind === 'element' && child.name === 'value')
    .map((child) => (child.kind === 'element' ? textOf(child) : ''));
}

describe('products', () => {
  it.each(ENVIRONMENTS)('%s: one published product per tier, subscription required, approval and limit from config', (env) => {
    const tiers = shippedConfig(env).access.tiers;
    const products = Object.values(resourcesOf(gateway(env), 'azurerm_api_management_product'));
    expect(products.map((p) => p.product_id).sort()).toEqual(tiers.map((t) => t.name).sort());
    for (const tier of tiers) {
      expect(products.find((p) => p.product_id === tier.name)).toMatchObject({
        display_name: tier.displayName,
        subscription_required: true,
        approval_required: tier.approvalRequired,
        subscriptions_limit: tier.subscriptionsLimit,
        published: true,
      });
    }
  });

  it('dev subscriptions work at once; prod subscriptions wait for approval', () => {
    expect(onlyResource(gateway('dev'), 'azurerm_api_management_product').approval_required).toBe(false);
    for (const product of Object.values(resourcesOf(gateway('prod'), 'azurerm_api_management_product'))) {
      expect(product.approval_required).toBe(true);
    }
  });

  it('each product grants the Azure OpenAI API and is visible only to its tier group', () => {
    const stack = gateway('prod');
    const apis = byProduct('prod', 'azurerm_api_management_product_api');
    const groups = byProduct('prod', 'azurerm_api_management_product_group');
    const groupNames = Object.fromEntries(
      Object.entries(resourcesOf(stack, 'azurerm_api_management_group')).map(([tf, g]) => [
        `\${azurerm_api_management_group.${tf}.name}`,
        String(g.name),
      ]),
    );
    for (const tier of shippedConfig('prod').access.tiers) {
      expect(apis[tier.name]!.api_name).toBe(`\${${addressOf(stack, 'azurerm_api_management_api')}.name}`);
      expect(groupNames[String(groups[tier.name]!.group_name)]).toBe(`entra-${tier.name}`);
    }
    expect(Object.keys(groups)).toHaveLength(shippedConfig('prod').access.tiers.length);
  });
});

describe('API Management groups', () => {
  it.each(ENVIRONMENTS)('%s: one external group per tier, pointing at the tier Entra group by tenant id', (env) => {
    const config = shippedConfig(env);
    const groups = Object.values(resourcesOf(gateway(env), 'azurerm_api_management_group'));
    expect(groups.map((g) => g.name).sort()).toEqual(config.access.tiers.map((t) => `entra-${t.name}`).sort());
    for (const group of groups) {
      expect(group.type).toBe('external');
      expect(String(group.external_id)).toMatch(
        new RegExp(
          `^aad://${config.azure.tenantId}/groups/\\$\\{data\\.terraform_remote_state\\.cross-stack-reference-input-${env}-identity\\.outputs\\..*tier-${String(group.name).replace('entra-', '')}_group.*object_id\\}$`,
        ),
      );
    }
  });

  it('groups are created after the Entra identity provider, through which API Management looks them up', () => {
    const stack = gateway('dev');
    const provider = addressOf(stack, 'azurerm_api_management_identity_provider_aad');
    expect(onlyResource(stack, 'azurerm_api_management_group').depends_on).toContain(provider);
  });

  it('external id format', () => {
    expect(entraGroupExternalId('11111111-1111-1111-1111-111111111111', '22222222-2222-2222-2222-222222222222')).toBe(
      'aad://11111111-1111-1111-1111-111111111111/groups/22222222-2222-2222-2222-222222222222',
    );
  });
});

describe('tier policies', () => {
  it.each(ENVIRONMENTS)('%s: each tier requires its own app role in the roles claim, for the gateway audience', (env) => {
    const policies = productPolicies(gateway(env));
    for (const tier of shippedConfig(env).access.tiers) {
      const xml = policies[tier.name]!;
      const claim = onlyElement(xml, 'claim');
      expect(attr(claim, 'name')).toBe('roles');
      expect(claimValues(xml)).toEqual([`Gateway.${tier.name}`]);
      expect(elementsNamed(xml, 'audience').map(textOf)).toContain('{{gateway-client-id}}');
      expect(sectionOf(xml, 'validate-azure-ad-token')).toBe('inbound');
    }
  });

  it.each(ENVIRONMENTS)('%s: token limits per subscription and the allowed deployments come from the tier config', (env) => {
    const policies = productPolicies(gateway(env));
    for (const tier of shippedConfig(env).access.tiers) {
      const xml = policies[tier.name]!;
      const limit = onlyElement(xml, 'azure-openai-token-limit');
      expect(attr(limit, 'counter-key')).toBe('@(context.Subscription.Id)');
      expect(attr(limit, 'tokens-per-minute')).toBe(String(tier.tokensPerMinute));
      expect(attr(limit, 'token-quota')).toBe(tier.tokenQuota === undefined ? undefined : String(tier.tokenQuota.tokens));
      expect(attr(limit, 'token-quota-period')).toBe(tier.tokenQuota?.period);
      const allowed = elementsNamed(xml, 'set-variable').find((v) => attr(v, 'name') === 'tierAllowedDeployments')!;
      expect(attr(allowed, 'value')).toBe(`,${tier.deployments.join(',')},`);
    }
  });

  it('the embeddings-only tier in prod may not call the chat deployment', () => {
    const xml = productPolicies(gateway('prod')).embeddings!;
    const allowed = elementsNamed(xml, 'set-variable').find((v) => attr(v, 'name') === 'tierAllowedDeployments')!;
    expect(attr(allowed, 'value')).toBe(',text-embedding-3-large,');
    expect(attr(onlyElement(xml, 'azure-openai-token-limit'), 'token-quota')).toBeUndefined();
  });

  it('a tier added to the configuration gets its product, group and policy with its own limits', () => {
    const raw = rawEnvironment('dev') as { access: { tiers: Attributes[] } };
    raw.access.tiers.push({
      name: 'research',
      displayName: 'Research',
      description: 'Evaluation teams.',
      tokensPerMinute: 1234,
      deployments: ['gpt-4o'],
    });
    const stack = stackOf(synthesizeConfigs([validate(raw)]), 'dev-gateway');
    const xml = productPolicies(stack).research!;
    expect(attr(onlyElement(xml, 'azure-openai-token-limit'), 'tokens-per-minute')).toBe('1234');
    expect(claimValues(xml)).toEqual(['Gateway.research']);
    expect(Object.values(resourcesOf(stack, 'azurerm_api_management_group')).map((g) => g.name)).toContain('entra-research');
  });
});

describe('developer portal sign-in', () => {
  it.each(ENVIRONMENTS)('%s: Entra ID identity provider, MSAL, limited to the environment tenant, secret by reference', (env) => {
    const config = shippedConfig(env);
    const provider = onlyResource(gateway(env), 'azurerm_api_management_identity_provider_aad');
    expect(provider).toMatchObject({
      client_library: 'MSAL-2',
      allowed_tenants: [config.azure.tenantId],
      signin_tenant: config.azure.tenantId,
    });
    expect(String(provider.client_id)).toMatch(new RegExp(`identity\\.outputs\\..*developer-portal_application.*client_id\\}$`));
    // Read from the identity layer's state, never a literal (which of its two secrets: test/identity).
    const secret = String(provider.client_secret);
    expect(secret).toMatch(/^\$\{\(timecmp\(/);
    const references = secret.match(/data\.terraform_remote_state\.[\w-]+\.outputs\.[\w-]+/g) ?? [];
    expect(references).toHaveLength(4);
    expect(references.every((r) => r.startsWith(`data.terraform_remote_state.cross-stack-reference-input-${env}-identity.outputs.`))).toBe(
      true,
    );
  });

  it('refuses a literal client secret', () => {
    expect(
      () =>
        new DeveloperPortalSignIn(new TerraformStack(Testing.app(), 's'), 'portal', {
          apiManagementId: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.ApiManagement/service/apim',
          apiManagementName: 'apim',
          resourceGroupName: 'rg',
          tenantId: '00000000-0000-0000-0000-000000000000',
          clientId: '11111111-1111-1111-1111-111111111111',
          clientSecret: 'not-a-reference',
          dependsOn: [],
        }),
    ).toThrow(/clientSecret must be a reference to the identity layer's secret, never a literal/);
  });
});
