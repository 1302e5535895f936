import { ApplicationInsights } from '@cdktf/provider-azurerm/lib/application-insights';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import type { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import type { Construct } from 'constructs';

import { DiagnosticSettings } from '../constructs/diagnostics';
import { GatewayTables } from '../constructs/monitoring/gateway-tables';
import { CustomMetricDimensions } from '../constructs/monitoring/metric-dimensions';
import type { Environment } from '../lib/environment';
import { LayerStack } from './base';

/**
 * The Log Analytics workspace and Application Insights that every other layer sends diagnostics to. Deployed
 * before the others and kept longest: it holds the audit trail.
 */
export class MonitoringStack extends LayerStack {
  readonly resourceGroup: ResourceGroup;
  readonly workspace: LogAnalyticsWorkspace;
  readonly applicationInsights: ApplicationInsights;
  /** Retention of the tables holding the gateway's requests, prompts and completions. */
  readonly gatewayTables: GatewayTables;

  constructor(scope: Construct, environment: Environment) {
    super(scope, environment, 'monitoring');
    this.useAzurerm();
    const { naming, config } = environment;
    this.resourceGroup = this.layerResourceGroup();
    this.workspace = new LogAnalyticsWorkspace(this, 'workspace', {
      name: naming.logAnalyticsWorkspace(),
      resourceGroupName: this.resourceGroup.name,
      location: this.resourceGroup.location,
      sku: 'PerGB2018',
      retentionInDays: config.logging.retentionDays,
      // Queries authenticate with Entra ID and RBAC; no shared-key ingestion or query.
      localAuthenticationEnabled: false,
      // Reading a resource does not open its logs: only workspace and table grants do, so prompts stay with the
      // prompt readers (lib/azure/workspace-access.ts).
      allowResourceOnlyPermissions: false,
      lifecycle: { preventDestroy: environment.production },
    });
    this.gatewayTables = new GatewayTables(this, 'gateway-tables', {
      workspaceId: this.workspace.id,
      retentionDays: config.logging.gatewayTables.retentionDays,
      totalRetentionDays: config.logging.gatewayTables.totalRetentionDays,
    });
    // The workspace's own audit log (LAQueryLogs) records who queried it, including who read prompts.
    new DiagnosticSettings(this, 'workspace-diagnostics', {
      targetResourceId: this.workspace.id,
      workspaceId: this.workspace.id,
      profile: 'logAnalyticsWorkspace',
    });
    // The control plane: who created, changed or deleted model deployments, keys and network rules (AzureActivity).
    // A subscription holds at most five such settings, so the name says which environment's workspace it feeds.
    new DiagnosticSettings(this, 'activity-log', {
      targetResourceId: `/subscriptions/${config.azure.subscriptionId}`,
      workspaceId: this.workspace.id,
      profile: 'subscriptionActivityLog',
      name: `activity-log-to-${naming.logAnalyticsWorkspace()}`,
    });
    this.applicationInsights = new ApplicationInsights(this, 'application-insights', {
      name: naming.applicationInsights(),
      resourceGroupName: this.resourceGroup.name,
      location: this.resourceGroup.location,
      applicationType: 'other',
      workspaceId: this.workspace.id,
      // Entra-authenticated ingestion only: API Management's logger sends with its managed identity (gateway layer,
      // "Monitoring Metrics Publisher"), so the instrumentation key in the connection string grants nothing.
      // https://learn.microsoft.com/azure/azure-monitor/app/azure-ad-authentication
      localAuthenticationDisabled: true,
      samplingPercentage: 100,
    });
    new CustomMetricDimensions(this, 'custom-metric-dimensions', { applicationInsightsId: this.applicationInsights.id });
  }
}
