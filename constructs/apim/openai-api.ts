import { ApiManagementApi } from '@cdktf/provider-azurerm/lib/api-management-api';
import { ApiManagementApiOperation } from '@cdktf/provider-azurerm/lib/api-management-api-operation';
import { ApiManagementApiPolicy } from '@cdktf/provider-azurerm/lib/api-management-api-policy';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';

import { OPENAI_API_OPERATIONS, OPENAI_API_SETTINGS, type OpenAiApiOperation, type OpenAiApiParameter } from '../../lib/policy/openai-api';

export interface OpenAiApiProps {
  readonly apiManagementName: string;
  readonly resourceGroupName: string;
  /** The rendered API-level policy (lib/policy/render.ts, renderOpenAiApiPolicy). */
  readonly policyXml: string;
  /** Waits for the instance to finish activating, and for the backends the policy names. */
  readonly dependsOn: ITerraformDependable[];
}

function parameter(p: OpenAiApiParameter) {
  return { name: p.name, type: p.type, required: p.required, description: p.description };
}

/** The azurerm operation arguments of one typed operation. */
export function operationArguments(operation: OpenAiApiOperation) {
  return {
    operationId: operation.operationId,
    displayName: operation.displayName,
    description: operation.description,
    method: operation.method,
    urlTemplate: operation.urlTemplate,
    templateParameter: operation.templateParameters.map(parameter),
    request: {
      queryParameter: operation.queryParameters.map(parameter),
      representation: operation.requestContentType === undefined ? undefined : [{ contentType: operation.requestContentType }],
    },
    response: [
      {
        statusCode: 200,
        description: 'Success',
        representation: operation.responseContentTypes.map((contentType) => ({ contentType })),
      },
    ],
  };
}

/**
 * The Azure OpenAI API as SDKs call it (`/openai/deployments/{deployment-id}/...?api-version=...`), so existing
 * clients change only their endpoint. Operations come from the typed definition; anything else is answered 404 by
 * API Management. The API policy does the rest: token validation, keyless backend authentication, routing to the
 * pool, retries and unbuffered streaming.
 */
export class OpenAiApi extends Construct {
  readonly api: ApiManagementApi;
  /** By operation id. */
  readonly operations: Readonly<Record<string, ApiManagementApiOperation>>;
  readonly policy: ApiManagementApiPolicy;
  /** API name (a plain string), for resources that address the API by ARM path. */
  readonly apiName: string = OPENAI_API_SETTINGS.name;

  constructor(scope: Construct, id: string, props: OpenAiApiProps) {
    super(scope, id);
    this.api = new ApiManagementApi(this, 'api', {
      name: OPENAI_API_SETTINGS.name,
      displayName: OPENAI_API_SETTINGS.displayName,
      description: 'Azure OpenAI data plane through the gateway: chat completions, completions, embeddings and deployments.',
      apiManagementName: props.apiManagementName,
      resourceGroupName: props.resourceGroupName,
      path: OPENAI_API_SETTINGS.path,
      protocols: [...OPENAI_API_SETTINGS.protocols],
      apiType: 'http',
      revision: '1',
      subscriptionRequired: OPENAI_API_SETTINGS.subscriptionRequired,
      subscriptionKeyParameterNames: { ...OPENAI_API_SETTINGS.subscriptionKeyParameterNames },
      dependsOn: props.dependsOn,
    });
    const operations: Record<string, ApiManagementApiOperation> = {};
    for (const operation of OPENAI_API_OPERATIONS) {
      operations[operation.operationId] = new ApiManagementApiOperation(this, operation.operationId, {
        ...operationArguments(operation),
        apiName: this.api.name,
        apiManagementName: props.apiManagementName,
        resourceGroupName: props.resourceGroupName,
      });
    }
    this.operations = operations;
    this.policy = new ApiManagementApiPolicy(this, 'policy', {
      apiName: this.api.name,
      apiManagementName: props.apiManagementName,
      resourceGroupName: props.resourceGroupName,
      xmlContent: props.policyXml,
      // Named values the policy references must exist before API Management accepts it.
      dependsOn: props.dependsOn,
    });
  }
}
