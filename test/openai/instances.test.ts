import { Testing } from 'cdktf';

import { Environment } from '../../lib/environment';
import { addEnvironment } from '../../stacks/app';
import { shippedConfig } from '../helpers/synth';

const config = shippedConfig('prod');
const environment = new Environment(config);
const { openai } = addEnvironment(Testing.app(), environment);

describe('typed attributes for the gateway backend pool', () => {
  it('one instance per configured instance, in config order, with its region, priority and weight', () => {
    expect(openai.instances.map((i) => [i.name, i.location, i.priority, i.weight])).toEqual(
      config.openai.instances.map((i) => [i.name, i.location, i.priority, i.weight]),
    );
    // prod's shipped pool: two preferred members weighted 2:1 and a standby, so the values are not all defaults.
    expect(openai.instances.map((i) => [i.priority, i.weight])).toEqual([
      [1, 2],
      [1, 1],
      [2, 1],
    ]);
  });

  it('the endpoint is the https URL of the account custom subdomain, known at synth time', () => {
    for (const [index, instance] of openai.instances.entries()) {
      const name = environment.naming.openAiAccount(config.openai.instances[index]!.name, instance.location);
      expect(instance.endpoint).toBe(`https://${name}.openai.azure.com/`);
      expect(instance.account.customSubdomainNameInput).toBe(name);
      expect(instance.account.nameInput).toBe(name);
    }
  });

  it('deployment names in creation order', () => {
    for (const [index, instance] of openai.instances.entries()) {
      expect(instance.deploymentNames).toEqual(config.openai.instances[index]!.deployments.map((d) => d.name));
    }
  });

  it('each instance exposes the same account the stack holds for it', () => {
    for (const instance of openai.instances) {
      expect(instance.account.terraformResourceType).toBe('azurerm_cognitive_account');
      expect(openai.accounts[instance.name]!.account).toBe(instance.account);
    }
  });
});
