import { APIM_BACKEND } from '../apim-diagnostics';
import { azapiProperties, isAzapiOfType } from '../azapi';
import { expressionBodies } from '../graph';
import { defineRule, fromProblems, notApplicable, type Resource, type ResourceLookup } from '../model';
import { isRecord, stringSetting } from '../values';

/** A URL given as a reference to an Azure OpenAI account endpoint, which is always https. */
function isAccountEndpoint(graph: ResourceLookup, from: Resource, text: string): boolean {
  const bodies = expressionBodies(text);
  return (
    text.startsWith('${') &&
    bodies.length === 1 &&
    /\.endpoint$/.test(bodies[0]!.trim()) &&
    graph.referencedBy(from, text).some((r) => r.type === 'azurerm_cognitive_account')
  );
}

export const rule = defineRule({
  id: 'AOAI-APIM-009',
  title: 'API Management backends use HTTPS',
  severity: 'high',
  rationale: 'Prompts, completions and the managed-identity token travel to the backend; they must never cross the network in clear text.',
  remediation: 'Give every backend an https:// URL (the Azure OpenAI endpoint attribute is https).',
  references: { mcsb: ['DP-3'], checkov: ['CKV_AZURE_215'] },
  resourceTypes: ['azurerm_api_management_backend', 'azapi_resource'],
  evaluate(resource, context) {
    let raw: unknown;
    if (resource.type === 'azapi_resource') {
      if (!isAzapiOfType(resource, APIM_BACKEND)) {
        return notApplicable();
      }
      const properties = azapiProperties(resource);
      // A pool has members instead of a URL; the members are backends of their own.
      if (properties && typeof properties['type'] === 'string' && properties['type'].toLowerCase() === 'pool') {
        return notApplicable();
      }
      raw = isRecord(properties) ? properties['url'] : undefined;
    } else {
      raw = resource.values['url'];
    }
    const url = stringSetting(raw);
    if (url.state === 'absent') {
      return fromProblems(['backend has no url']);
    }
    if (url.state === 'invalid') {
      return fromProblems([`url has the unexpected value ${JSON.stringify(url.value)}`]);
    }
    const text = url.state === 'literal' ? url.value : url.text;
    if (/^https:\/\//i.test(text) || (url.state === 'expression' && isAccountEndpoint(context.graph, resource, text))) {
      return fromProblems([]);
    }
    return fromProblems([`url must start with https://, found ${JSON.stringify(text)}`]);
  },
});
