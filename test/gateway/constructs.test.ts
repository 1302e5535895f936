import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformStack, Testing } from 'cdktf';

import { ApiManagementDnsRecords } from '../../constructs/apim/dns-records';
import { namedValueProblems, NamedValues } from '../../constructs/apim/named-values';
import { TimeProvider, TimeSleep } from '../../constructs/time';
import type { StackJson } from '../helpers/synth';

const VAULT_ID = '/subscriptions/s/resourceGroups/r/providers/Microsoft.KeyVault/vaults/kv';
const SECRET_ID = 'https://kv-x.vault.azure.net/secrets/backend-key';

function stack(): TerraformStack {
  const s = new TerraformStack(Testing.app(), 'stack');
  new AzurermProvider(s, 'azurerm', { features: [{}] });
  new TimeProvider(s, 'time');
  return s;
}

function synthesized(s: TerraformStack): StackJson {
  return JSON.parse(Testing.synth(s)) as StackJson;
}

describe('NamedValues', () => {
  const placement = { apiManagementName: 'apim', resourceGroupName: 'rg', principalId: 'principal', dependsOn: [] };

  it('plain values are written as non-secret values; no role is granted without a Key Vault value', () => {
    const s = stack();
    const values = new NamedValues(s, 'nv', {
      ...placement,
      values: [{ name: 'client-id', value: '11111111-1111-1111-1111-111111111111' }],
    });
    const json = synthesized(s);
    expect(Object.values(json.resource?.azurerm_api_management_named_value ?? {})[0]).toMatchObject({
      name: 'client-id',
      secret: false,
      value: '11111111-1111-1111-1111-111111111111',
    });
    expect(json.resource?.azurerm_role_assignment).toBeUndefined();
    expect(values.names).toEqual(['client-id']);
  });

  it('a Key Vault value is a secret reference, and the instance identity gets Key Vault Secrets User on that vault first', () => {
    const s = stack();
    new NamedValues(s, 'nv', { ...placement, keyVaultId: VAULT_ID, values: [{ name: 'backend-key', keyVaultSecretId: SECRET_ID }] });
    const json = synthesized(s);
    const value = Object.values(json.resource?.azurerm_api_management_named_value ?? {})[0]!;
    expect(value).toMatchObject({ secret: true, value_from_key_vault: { secret_id: SECRET_ID } });
    expect(value.value).toBeUndefined();
    const role = Object.entries(json.resource?.azurerm_role_assignment ?? {});
    expect(role).toHaveLength(1);
    expect(role[0]![1]).toMatchObject({
      scope: VAULT_ID,
      role_definition_name: 'Key Vault Secrets User',
      principal_id: 'principal',
      principal_type: 'ServicePrincipal',
    });
    expect(value.depends_on).toContain(`azurerm_role_assignment.${role[0]![0]}`);
  });

  it('refuses key material as a plain value, a Key Vault value without its vault, bad ids and duplicates', () => {
    expect(namedValueProblems({ values: [{ name: 'k', value: 'c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0MTIzNA==' }] })).toEqual([
      'values[0] ("k") looks like key material; store it in Key Vault and give keyVaultSecretId instead',
    ]);
    expect(namedValueProblems({ values: [{ name: 'k', keyVaultSecretId: SECRET_ID }] })).toEqual([
      'keyVaultId is required when a value comes from Key Vault: the instance needs a role on that vault',
    ]);
    expect(
      namedValueProblems({ keyVaultId: VAULT_ID, values: [{ name: 'k', keyVaultSecretId: `${SECRET_ID}/0123456789abcdef` }] }),
    ).toEqual([
      `values[0].keyVaultSecretId must be a versionless secret id (https://<vault>.vault.azure.net/secrets/<name>), got "${SECRET_ID}/0123456789abcdef"`,
    ]);
    expect(
      namedValueProblems({
        values: [
          { name: 'a', value: 'x' },
          { name: 'A', value: 'y' },
        ],
      }),
    ).toEqual(['values[1].name "A" is used twice']);
    expect(() => new NamedValues(stack(), 'nv', { ...placement, values: [{ name: 'bad name', value: 'x' }] })).toThrow(
      /NamedValues "nv": values\[0\]\.name must be 1-80 letters, digits/,
    );
  });
});

describe('time resources', () => {
  it('time_sleep waits after its dependencies and re-runs on its triggers', () => {
    const s = stack();
    const first = new TimeSleep(s, 'first', { createDuration: '30s', dependsOn: [] });
    new TimeSleep(s, 'wait', { createDuration: '120s', dependsOn: [first], triggers: { id: first.id } });
    const json = synthesized(s);
    expect(json.resource?.time_sleep?.wait).toMatchObject({
      create_duration: '120s',
      depends_on: ['time_sleep.first'],
      triggers: { id: '${time_sleep.first.id}' },
    });
    expect(json.terraform?.required_providers?.time).toEqual({ source: 'hashicorp/time', version: '0.13.1' });
  });

  it('a time resource brings its pinned provider, once, to a stack that has none', () => {
    const s = new TerraformStack(Testing.app(), 'bare');
    new TimeSleep(s, 'first', { createDuration: '30s', dependsOn: [] });
    new TimeSleep(s, 'wait', { createDuration: '60s', dependsOn: [] });
    const json = synthesized(s);
    expect(json.terraform?.required_providers?.time).toEqual({ source: 'hashicorp/time', version: '0.13.1' });
    expect(json.provider?.time).toHaveLength(1);
  });

  it('refuses malformed durations', () => {
    expect(() => new TimeSleep(stack(), 'wait', { createDuration: '5 minutes', dependsOn: [] })).toThrow(
      /TimeSleep "wait": createDuration must be a duration such as "300s" or "5m", got "5 minutes"/,
    );
  });
});

describe('ApiManagementDnsRecords', () => {
  const records = { gateway: 'apim', portal: 'apim.portal', developer: 'apim.developer', management: 'apim.management', scm: 'apim.scm' };

  it('refuses a record name that is not one, or one only known at apply time', () => {
    const s = stack();
    expect(
      () =>
        new ApiManagementDnsRecords(s, 'dns', {
          recordNames: { ...records, developer: 'apim developer' },
          zoneName: 'azure-api.net',
          zoneResourceGroupName: 'rg',
          privateIpAddresses: [],
        }),
    ).toThrow(/recordNames.developer is not a DNS record name, got "apim developer"/);
    const sleep = new TimeSleep(s, 'r', { createDuration: '1s', dependsOn: [] });
    expect(
      () =>
        new ApiManagementDnsRecords(s, 'dns2', {
          recordNames: { ...records, gateway: sleep.id },
          zoneName: 'azure-api.net',
          zoneResourceGroupName: 'rg',
          privateIpAddresses: [],
        }),
    ).toThrow(/recordNames.gateway must be a plain string/);
  });
});
