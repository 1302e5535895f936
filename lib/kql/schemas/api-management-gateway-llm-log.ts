import { defineTable } from '../schema';

/**
 * Language-model requests through the gateway (resource-specific "GatewayLlmLogs" category). Joins to
 * ApiManagementGatewayLogs on CorrelationId. Per request, the row with SequenceNumber 0 carries the token counts
 * and model; prompts and completions over 32 KB are split across further rows, in SequenceNumber order.
 */
export const ApiManagementGatewayLlmLog = defineTable({
  name: 'ApiManagementGatewayLlmLog',
  source: 'https://learn.microsoft.com/azure/azure-monitor/reference/tables/apimanagementgatewayllmlog',
  columns: {
    ApiVersion: 'string',
    _BilledSize: 'real',
    CompletionTokens: 'int',
    CorrelationId: 'string',
    DeploymentName: 'string',
    _IsBillable: 'string',
    IsStreamCompletion: 'bool',
    ModelName: 'string',
    OperationName: 'string',
    PromptTokens: 'int',
    Region: 'string',
    RequestId: 'string',
    RequestMessages: 'dynamic',
    _ResourceId: 'string',
    ResponseMessages: 'dynamic',
    SequenceNumber: 'int',
    SourceSystem: 'string',
    _SubscriptionId: 'string',
    TenantId: 'string',
    TimeGenerated: 'datetime',
    TotalTokens: 'int',
    Type: 'string',
  },
});
