import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { Construct } from 'constructs';

/**
 * The log categories each resource kind supports, named explicitly: a diagnostic setting that names a category
 * its target lacks fails only at apply time, so the table is the single place to get them right.
 * `dedicated`: the kind writes to resource-specific tables (the gateway's logs need them); kinds that only write
 * to AzureDiagnostics take no destination type.
 */
export const DIAGNOSTIC_PROFILES = {
  apiManagement: {
    logs: ['GatewayLogs', 'GatewayLlmLogs', 'WebSocketConnectionLogs', 'DeveloperPortalAuditLogs'],
    metrics: true,
    dedicated: true,
  },
  /** Azure OpenAI accounts add a request-usage category (AzureOpenAIRequestUsage) to the common three. */
  cognitiveServices: { logs: ['Audit', 'RequestResponse', 'Trace', 'AzureOpenAIRequestUsage'], metrics: true, dedicated: false },
  applicationGateway: {
    logs: ['ApplicationGatewayAccessLog', 'ApplicationGatewayPerformanceLog', 'ApplicationGatewayFirewallLog'],
    metrics: true,
    dedicated: true,
  },
  keyVault: { logs: ['AuditEvent', 'AzurePolicyEvaluationDetails'], metrics: true, dedicated: false },
  /**
   * The storage account itself has metrics only; its logs belong to each service (blob, queue, ...). Storage's
   * metric categories are `Capacity` and `Transaction`; `AllMetrics` is read back differently per scope and shows
   * as drift on every plan, so the categories are named.
   */
  storageAccount: { logs: [], metrics: ['Capacity', 'Transaction'], dedicated: false },
  storageBlobService: { logs: ['StorageRead', 'StorageWrite', 'StorageDelete'], metrics: ['Capacity', 'Transaction'], dedicated: false },
  networkSecurityGroup: { logs: ['NetworkSecurityGroupEvent', 'NetworkSecurityGroupRuleCounter'], metrics: false, dedicated: false },
  virtualNetwork: { logs: ['VMProtectionAlerts'], metrics: true, dedicated: false },
  publicIp: { logs: ['DDoSProtectionNotifications', 'DDoSMitigationFlowLogs', 'DDoSMitigationReports'], metrics: true, dedicated: false },
  logAnalyticsWorkspace: { logs: ['Audit', 'SummaryLogs'], metrics: true, dedicated: false },
  /**
   * The subscription's Activity Log (target `/subscriptions/<id>`): every event category the service supports, as
   * Get-AzEventCategory lists them (https://learn.microsoft.com/powershell/module/az.monitor/get-azeventcategory).
   * Administrative holds the control-plane changes (model deployments, keys, network rules). AzureActivity has no
   * resource-specific variant and no metrics.
   */
  subscriptionActivityLog: {
    logs: ['Administrative', 'Security', 'ServiceHealth', 'Alert', 'Recommendation', 'Policy', 'Autoscale', 'ResourceHealth'],
    metrics: false,
    dedicated: false,
  },
  applicationInsights: {
    logs: ['AppAvailabilityResults', 'AppEvents', 'AppExceptions', 'AppMetrics', 'AppRequests', 'AppTraces'],
    metrics: true,
    dedicated: false,
  },
} as const satisfies Record<string, { logs: readonly string[]; metrics: boolean | readonly string[]; dedicated: boolean }>;

export type DiagnosticProfile = keyof typeof DIAGNOSTIC_PROFILES;

/** `true`: every metric through the AllMetrics category; a list: those categories; `false`: none. */
function metricCategories(metrics: boolean | readonly string[]): string[] | undefined {
  if (metrics === true) {
    return ['AllMetrics'];
  }
  return metrics === false ? undefined : [...metrics];
}

export interface DiagnosticSettingsProps {
  /** Resource whose logs and metrics are collected. */
  readonly targetResourceId: string;
  /** Log Analytics workspace that receives them. */
  readonly workspaceId: string;
  /** Which categories to collect; see `DIAGNOSTIC_PROFILES`. */
  readonly profile: DiagnosticProfile;
  /**
   * Name of the setting, unique per target.
   * @default "to-log-analytics"
   */
  readonly name?: string;
}

/** Sends every log category and all metrics of one resource to the environment's Log Analytics workspace. */
export class DiagnosticSettings extends Construct {
  readonly setting: MonitorDiagnosticSetting;

  constructor(scope: Construct, id: string, props: DiagnosticSettingsProps) {
    super(scope, id);
    const profile = DIAGNOSTIC_PROFILES[props.profile];
    this.setting = new MonitorDiagnosticSetting(this, 'setting', {
      name: props.name ?? 'to-log-analytics',
      targetResourceId: props.targetResourceId,
      logAnalyticsWorkspaceId: props.workspaceId,
      logAnalyticsDestinationType: profile.dedicated ? 'Dedicated' : undefined,
      enabledLog: profile.logs.map((category) => ({ category })),
      enabledMetric: metricCategories(profile.metrics)?.map((category) => ({ category })),
    });
  }
}
