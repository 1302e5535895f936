import { DEVELOPER_TOOL_CLIENTS } from '../../config/schema/access';
import { Environment } from '../../lib/environment';
import { WORKLOAD_SUBSCRIPTION_PREFIX } from '../../lib/naming';
import { apiPolicy, elementsNamed, productPolicies, textOf } from '../gateway/helpers';
import type { Loose } from '../helpers/config';
import {
  type Attributes,
  onlyResource,
  problemsOf,
  rawEnvironment,
  resourcesOf,
  SHIPPED_ENVIRONMENTS,
  stackOf,
  synthesizeConfigs,
  synthShipped,
  validate,
} from '../helpers/synth';

const synth = synthShipped();

/** The client ids a rendered policy's token validation accepts, as written. */
function acceptedClients(xml: string): string[] {
  return elementsNamed(xml, 'application-id').map(textOf);
}

describe('people obtain a gateway token through the configured clients, without consent prompts', () => {
  it.each(SHIPPED_ENVIRONMENTS)('%s: Azure CLI and Azure PowerShell are pre-authorized on the gateway scope by default', (env) => {
    const stack = stackOf(synth, `${env}-identity`);
    const scopeId = new Environment(validate(rawEnvironment(env), `${env}.yaml`)).naming.gatewayApiScopeId();
    const preAuthorized = Object.values(resourcesOf(stack, 'azuread_application_pre_authorized'));
    expect(preAuthorized.map((p) => p.authorized_client_id).sort()).toEqual(DEVELOPER_TOOL_CLIENTS.map((c) => c.clientId).sort());
    for (const entry of preAuthorized) {
      expect(entry.permission_ids).toEqual([scopeId]);
      expect(String(entry.application_id)).toMatch(/^\$\{azuread_application\.[^.]+\.id\}$/);
    }
  });

  it.each(SHIPPED_ENVIRONMENTS)('%s: the API and every tier accept tokens only from those clients', (env) => {
    const gateway = stackOf(synth, `${env}-gateway`);
    const expected = DEVELOPER_TOOL_CLIENTS.map((c) => c.clientId);
    expect(acceptedClients(apiPolicy(gateway))).toEqual(expected);
    for (const xml of Object.values(productPolicies(gateway))) {
      expect(acceptedClients(xml)).toEqual(expected);
    }
  });
});

describe('a team client application and a workload', () => {
  const workload = '11111111-2222-3333-4444-555555555555';
  const teamApp = '99999999-8888-7777-6666-555555555555';
  const raw = rawEnvironment('dev') as Loose;
  raw.access.clientApplications = [{ name: 'team-chat', clientId: teamApp }];
  raw.access.tiers[0].servicePrincipals = [workload];
  const out = synthesizeConfigs([validate(raw, 'dev.yaml')]);

  it('replacing the list pre-authorizes exactly the configured client', () => {
    const preAuthorized = Object.values(resourcesOf(stackOf(out, 'dev-identity'), 'azuread_application_pre_authorized'));
    expect(preAuthorized.map((p: Attributes) => p.authorized_client_id)).toEqual([teamApp]);
  });

  it("the workload's client id is looked up in the identity layer and accepted by reference in every policy", () => {
    const data = stackOf(out, 'dev-identity').data?.azuread_service_principal ?? {};
    expect(Object.values(data).map((d) => d.object_id)).toContain(workload);
    const gateway = stackOf(out, 'dev-gateway');
    const named = Object.values(resourcesOf(gateway, 'azurerm_api_management_named_value')).find(
      (v) => v.name === `workload-client-${workload}`,
    );
    expect(named).toBeDefined();
    expect(String(named!.value)).toMatch(/^\$\{data\.terraform_remote_state\./);
    const accepted = [teamApp, `{{workload-client-${workload}}}`];
    expect(acceptedClients(apiPolicy(gateway))).toEqual(accepted);
    for (const xml of Object.values(productPolicies(gateway))) {
      expect(acceptedClients(xml)).toEqual(accepted);
    }
  });

  it('the workload gets a subscription of its tier, its key in Key Vault, readable by the workload alone', () => {
    const gateway = stackOf(out, 'dev-gateway');
    const tier = String((raw.access.tiers[0] as { name: string }).name);
    const subscription = onlyResource(gateway, 'azurerm_api_management_subscription');
    expect(subscription).toMatchObject({ state: 'active', allow_tracing: false });
    expect(subscription.user_id).toBeUndefined();
    // Its identifier names the workload: the API policy accepts the key only with the workload's own token.
    expect(subscription.subscription_id).toBe(`${WORKLOAD_SUBSCRIPTION_PREFIX}${tier}-${workload}`);
    const product = Object.entries(resourcesOf(gateway, 'azurerm_api_management_product')).find(([, p]) => p.product_id === tier)!;
    expect(subscription.product_id).toBe(`\${azurerm_api_management_product.${product[0]}.id}`);
    const secret = onlyResource(gateway, 'azurerm_key_vault_secret');
    expect(secret.name).toBe(`apim-key-${tier}-${workload}`);
    expect(String(secret.value)).toMatch(/^\$\{azurerm_api_management_subscription\.[^.]+\.primary_key\}$/);
    expect(String(secret.key_vault_id)).toMatch(/^\$\{data\.terraform_remote_state\./);
    const roles = Object.values(resourcesOf(gateway, 'azurerm_role_assignment'));
    const reader = roles.find((role) => role.principal_id === workload)!;
    expect(reader).toMatchObject({ role_definition_name: 'Key Vault Secrets User', principal_type: 'ServicePrincipal' });
    expect(String(reader.scope)).toMatch(/^\$\{azurerm_key_vault_secret\.[^.]+\.resource_versionless_id\}$/);
    const writer = roles.find((role) => role.role_definition_name === 'Key Vault Secrets Officer')!;
    expect(String(writer.principal_id)).toMatch(/^\$\{data\.azurerm_client_config\./);
  });

  it('environments without workloads hold no subscription, secret or vault role in the gateway layer', () => {
    const withoutWorkloads = SHIPPED_ENVIRONMENTS.filter((env) =>
      validate(rawEnvironment(env), `${env}.yaml`).access.tiers.every((tier) => tier.servicePrincipals.length === 0),
    );
    for (const env of withoutWorkloads) {
      const gateway = stackOf(synth, `${env}-gateway`);
      expect(Object.keys(resourcesOf(gateway, 'azurerm_api_management_subscription'))).toEqual([]);
      expect(Object.keys(resourcesOf(gateway, 'azurerm_key_vault_secret'))).toEqual([]);
      expect(Object.values(resourcesOf(gateway, 'azurerm_role_assignment')).map((r) => r.role_definition_name)).not.toContain(
        'Key Vault Secrets Officer',
      );
    }
  });

  it('a client listed twice is refused in one line', () => {
    const twice = rawEnvironment('dev') as Loose;
    twice.access.clientApplications = [
      { name: 'team-a', clientId: teamApp },
      { name: 'team-b', clientId: teamApp },
    ];
    expect(problemsOf(twice)).toEqual([
      `test.json: access.clientApplications[1].clientId: expected a client id listed once, found "${teamApp}"`,
    ]);
  });
});
