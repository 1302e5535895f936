import { listNamedValueReferences } from '../../lib/policy/render';
import { resourcesOf, SHIPPED_ENVIRONMENTS, stackOf, synthShipped } from '../helpers/synth';
import { apiPolicy, productPolicies } from './helpers';

const synth = synthShipped();
const ENVIRONMENTS = SHIPPED_ENVIRONMENTS;

/** Values that are secret wherever they appear: the portal app secret and the Application Insights connection string. */
const SECRET_SOURCES = [/azuread_application_password\..*\.value/, /application_password.*value/, /connection_string/];

describe('no secret in policies, named values or outputs', () => {
  it.each(ENVIRONMENTS)('%s: plain named values carry references or ids only, and no policy names a secret one', (env) => {
    const stack = stackOf(synth, `${env}-gateway`);
    const values = Object.values(resourcesOf(stack, 'azurerm_api_management_named_value'));
    // Not vacuous: the stack has named values and the policies read them.
    expect(values.length).toBeGreaterThan(0);
    for (const value of values) {
      if (value.secret === true) {
        expect(value.value_from_key_vault).toBeDefined();
        expect(value.value).toBeUndefined();
      } else {
        expect(SECRET_SOURCES.some((source) => source.test(String(value.value)))).toBe(false);
      }
    }
    const secretNames = new Set(values.filter((v) => v.secret === true).map((v) => String(v.name)));
    const policies = [apiPolicy(stack), ...Object.values(productPolicies(stack))];
    const referenced = policies.flatMap(listNamedValueReferences);
    expect(referenced.length).toBeGreaterThan(0);
    expect(referenced.filter((name) => secretNames.has(name))).toEqual([]);
  });

  it.each(ENVIRONMENTS)('%s: no plain output of the gateway or identity layer carries a secret', (env) => {
    for (const layer of ['gateway', 'identity']) {
      const outputs = stackOf(synth, `${env}-${layer}`).output ?? {};
      for (const [name, output] of Object.entries(outputs)) {
        const secret = SECRET_SOURCES.some((source) => source.test(String(output.value)));
        expect({ name, secretInPlainOutput: secret && output.sensitive !== true }).toEqual({ name, secretInPlainOutput: false });
      }
    }
  });

  it.each(ENVIRONMENTS)('%s: the only places a secret is consumed are the identity provider and the logger, by reference', (env) => {
    const text = JSON.stringify(stackOf(synth, `${env}-gateway`).resource);
    const consumers = Object.entries(stackOf(synth, `${env}-gateway`).resource ?? {})
      .filter(([, byName]) => SECRET_SOURCES.some((source) => source.test(JSON.stringify(byName))))
      .map(([type]) => type)
      .sort();
    expect(consumers).toEqual(['azapi_resource', 'azurerm_api_management_identity_provider_aad']);
    expect(text).not.toMatch(/"client_secret":"[^$]/);
    expect(text).not.toMatch(/InstrumentationKey=/);
  });
});
