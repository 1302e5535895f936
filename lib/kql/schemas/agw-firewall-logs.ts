import { defineTable } from '../schema';

/** Web application firewall log of Application Gateway, resource-specific mode ("ApplicationGatewayFirewallLog"). */
export const AGWFirewallLogs = defineTable({
  name: 'AGWFirewallLogs',
  source: 'https://learn.microsoft.com/azure/azure-monitor/reference/tables/agwfirewalllogs',
  columns: {
    Action: 'string',
    _BilledSize: 'real',
    ClientIp: 'string',
    ClientPort: 'int',
    DetailedData: 'string',
    DetailedMessage: 'string',
    FileDetails: 'string',
    Hostname: 'string',
    InstanceId: 'string',
    _IsBillable: 'string',
    LineDetails: 'string',
    Message: 'string',
    OperationName: 'string',
    RequestUri: 'string',
    _ResourceId: 'string',
    RuleId: 'string',
    RuleSetType: 'string',
    RuleSetVersion: 'string',
    Site: 'string',
    SourceSystem: 'string',
    _SubscriptionId: 'string',
    TenantId: 'string',
    TimeGenerated: 'datetime',
    TransactionId: 'string',
    Type: 'string',
  },
});
