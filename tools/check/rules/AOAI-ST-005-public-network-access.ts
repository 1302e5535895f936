import { defineRule, fromProblems } from '../model';
import { isClosedStorageFirewall } from '../storage-network';

export const rule = defineRule({
  id: 'AOAI-ST-005',
  title: 'Storage account is reachable from no network, only privately and by trusted services',
  severity: 'high',
  rationale:
    'The account stores the audit archive and training files; it is read and written only through its private ' +
    'endpoint and by trusted Azure services (flow logs, Log Analytics export, the Azure OpenAI accounts). With public ' +
    'network access off those services are refused too, so the firewall closes every network instead.',
  remediation:
    'Set public_network_access_enabled = true with network_rules { default_action = "Deny", bypass = ["AzureServices"] }, ' +
    'no ip_rules or virtual_network_subnet_ids, and private_link_access for the resource instances that read it; ' +
    'or public_network_access_enabled = false when no trusted service needs the account.',
  references: {
    mcsb: ['NS-2'],
    cis: ['9.3.2.2'],
    checkov: ['CKV_AZURE_59'],
    other: [
      'Azure Policy b2982f36-99f2-4db5-8eff-283140c09693',
      'https://learn.microsoft.com/azure/storage/common/storage-network-security',
    ],
  },
  resourceTypes: ['azurerm_storage_account'],
  evaluate(resource) {
    const values = resource.values;
    const closed = values['public_network_access_enabled'] === false || isClosedStorageFirewall(values);
    return fromProblems(
      closed
        ? []
        : ['public network access is on and the firewall admits a network (default_action, ip_rules or virtual_network_subnet_ids)'],
    );
  },
});
