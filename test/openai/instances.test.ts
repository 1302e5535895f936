import { Testing } from 'cdktf';

import { Environment } from '../../lib/environment';
import { addEnvironment } from '../../stacks/app';
import { DataStack } from '../../stacks/data';
import { MonitoringStack } from '../../stacks/monitoring';
import { NetworkStack } from '../../stacks/network';
import { OpenAiStack } from '../../stacks/openai';
import { type Attributes, shippedConfig, type StackJson } from '../helpers/synth';

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

  it('deployment names in creation order, and the instances that serve each deployment', () => {
    for (const [index, instance] of openai.instances.entries()) {
      expect(instance.deploymentNames).toEqual(config.openai.instances[index]!.deployments.map((d) => d.name));
    }
    expect(openai.instancesServing('gpt-4o').map((i) => i.name)).toEqual(['sdc1', 'frc1', 'gwc1']);
    expect(openai.instancesServing('no-such-deployment')).toEqual([]);
  });

  it('each instance exposes the same account the stack holds for it', () => {
    for (const instance of openai.instances) {
      expect(instance.account.terraformResourceType).toBe('azurerm_cognitive_account');
      expect(openai.accounts[instance.name]!.account).toBe(instance.account);
    }
  });
});

describe('training data access', () => {
  const container =
    '/subscriptions/33333333-3333-3333-3333-333333333333/resourceGroups/rg-aoaigw-prod-data-sdc/providers/Microsoft.Storage/storageAccounts/st/blobServices/default/containers/training';

  function synthWithTraining(): StackJson {
    const app = Testing.app();
    const monitoring = new MonitoringStack(app, environment);
    const network = new NetworkStack(app, environment, { monitoring });
    const data = new DataStack(app, environment, { monitoring, network });
    const stack = new OpenAiStack(app, environment, { monitoring, network, data, trainingContainerId: container });
    return JSON.parse(Testing.synth(stack)) as StackJson;
  }

  it('each account identity gets Storage Blob Data Reader on the training container, and may reach only its storage account', () => {
    const json = synthWithTraining();
    const accounts = Object.entries(json.resource?.['azurerm_cognitive_account'] ?? {});
    const assignments = Object.values(json.resource?.['azurerm_role_assignment'] ?? {});
    expect(assignments).toHaveLength(accounts.length);
    const principals = assignments.map((a: Attributes) => {
      expect(a).toMatchObject({ scope: container, role_definition_name: 'Storage Blob Data Reader', principal_type: 'ServicePrincipal' });
      return a['principal_id'];
    });
    expect(principals.sort()).toEqual(accounts.map(([key]) => `\${azurerm_cognitive_account.${key}.identity[0].principal_id}`).sort());
    for (const [, account] of accounts) {
      expect(account['fqdns']).toEqual([`${environment.naming.storageAccount()}.blob.core.windows.net`]);
    }
  });
});
