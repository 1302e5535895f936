import { compliant, defineRule, nonCompliant } from '../model';
import { blocks } from '../values';

export const rule = defineRule({
  id: 'AOAI-PE-003',
  title: 'Key Vault, Storage and Azure OpenAI accounts are reached through private endpoints',
  severity: 'high',
  rationale:
    'With public network access off, a private endpoint is the only path API Management has to the service; ' +
    'missing it breaks the gateway, adding public access instead exposes prompts and keys.',
  remediation:
    'Add an azurerm_private_endpoint whose private_service_connection.private_connection_resource_id is the ' +
    'resource id, in the private endpoint subnet.',
  references: { mcsb: ['NS-2'], cis: ['8.3.8', '9.3.2.1'], checkov: ['CKV2_AZURE_32', 'CKV2_AZURE_33'] },
  resourceTypes: ['azurerm_key_vault', 'azurerm_storage_account', 'azurerm_cognitive_account'],
  evaluate(resource, context) {
    const reached = context.graph
      .ofType('azurerm_private_endpoint')
      .some((endpoint) =>
        blocks(endpoint.values, 'private_service_connection').some((connection) =>
          context.graph.refersTo(endpoint, connection['private_connection_resource_id'], resource),
        ),
      );
    return reached ? compliant() : nonCompliant('no azurerm_private_endpoint connects to this resource');
  },
});
