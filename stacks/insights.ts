import type { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import type { Construct } from 'constructs';

import { resolveAlertRules } from '../config/schema/monitoring';
import { AlertActionGroup } from '../constructs/monitoring/action-group';
import { logAlertSpecs, metricAlertSpecs } from '../constructs/monitoring/alert-plan';
import { GatewayAlerts } from '../constructs/monitoring/alerts';
import { GATEWAY_TABLES } from '../constructs/monitoring/gateway-tables';
import { SavedQueryPack } from '../constructs/monitoring/query-pack';
import { TableExport } from '../constructs/monitoring/table-export';
import { usageWorkbook } from '../constructs/monitoring/workbook/usage-workbook';
import { Workbook } from '../constructs/monitoring/workbook/workbook';
import { WorkspaceTableAccess } from '../constructs/monitoring/workspace-table-access';
import { readableTables, workspaceQueryRoleDefinitionId } from '../lib/azure/workspace-access';
import type { Environment } from '../lib/environment';
import { MODEL_OPERATION_IDS, OPENAI_API_SETTINGS } from '../lib/policy/openai-api';
import { readSavedQuery, SAVED_QUERIES } from '../policies/kql/catalog';
import { COST_BY_CALLER, renderCostQuery } from '../policies/kql/cost/catalog';
import { LayerStack } from './base';
import type { EdgeStack } from './edge';
import type { IdentityStack } from './identity';
import type { MonitoringStack } from './monitoring';

/** What the continuous export needs from the data layer: the storage account that keeps the audit copy. */
export interface ArchiveDestination {
  readonly storageAccount: { readonly id: string };
}

export interface InsightsStackProps {
  readonly monitoring: Pick<MonitoringStack, 'workspace' | 'resourceGroup'>;
  readonly edge: Pick<EdgeStack, 'applicationGateway'>;
  /** The groups that read the workspace. */
  readonly identity: Pick<IdentityStack, 'workspaceReaders'>;
  /** Where the gateway tables are exported when `logging.archive.enabled`: the data layer's storage account. */
  readonly data: ArchiveDestination;
}

/** Saved queries, the usage workbook and alerts: what administrators look at, deployed after what it watches. */
export class InsightsStack extends LayerStack {
  readonly resourceGroup: ResourceGroup;
  readonly actionGroup: AlertActionGroup;
  readonly queryPack: SavedQueryPack;
  readonly workbook: Workbook;
  readonly alerts: GatewayAlerts;
  /** Continuous export of the gateway tables to the audit storage account, when archiving is enabled. */
  readonly tableExport?: TableExport;
  /** Which group reads which table; prompts and completions only for prompt readers. */
  readonly tableAccess: WorkspaceTableAccess;

  constructor(scope: Construct, environment: Environment, props: InsightsStackProps) {
    super(scope, environment, 'insights');
    this.useAzurerm();
    const { naming, config } = environment;
    const { workspace } = props.monitoring;
    this.resourceGroup = this.layerResourceGroup();

    this.queryPack = new SavedQueryPack(this, 'query-pack', {
      name: naming.queryPack(),
      resourceGroupName: this.resourceGroup.name,
      location: this.resourceGroup.location,
      queries: [
        ...SAVED_QUERIES.map((query) => ({ query, body: readSavedQuery(query) })),
        // Cost estimates need the environment's price table; without one there is nothing to estimate with.
        ...(config.pricing === undefined ? [] : [{ query: COST_BY_CALLER, body: renderCostQuery(config.pricing) }]),
      ].map(({ query, body }) => ({
        id: query.id,
        resourceName: naming.queryPackQueryId(query.id),
        displayName: query.displayName,
        description: query.description,
        body,
        categories: query.packCategories,
        resourceTypes: query.resourceTypes,
      })),
    });

    const workbook = usageWorkbook({ costQuery: config.pricing === undefined ? undefined : renderCostQuery(config.pricing) });
    this.workbook = new Workbook(this, 'usage-workbook', {
      name: naming.workbookId(workbook.id),
      displayName: `Azure OpenAI gateway usage (${config.name})`,
      description: 'Requests, data in and out, latency, token use by model, caller and subscription, prompts and backend health.',
      resourceGroupName: this.resourceGroup.name,
      location: this.resourceGroup.location,
      workspaceId: workspace.id,
      spec: workbook,
    });

    this.actionGroup = new AlertActionGroup(this, 'action-group', {
      name: naming.actionGroup(),
      shortName: naming.actionGroupShortName(),
      resourceGroupName: this.resourceGroup.name,
      receivers: config.alerts.receivers,
    });

    const rules = resolveAlertRules(config.alerts);
    this.alerts = new GatewayAlerts(this, 'alerts', {
      logAlerts: logAlertSpecs({
        rules,
        tiers: config.access.tiers,
        llmApiIds: [OPENAI_API_SETTINGS.name],
        modelOperationIds: MODEL_OPERATION_IDS,
        pricing: config.pricing,
      }),
      metricAlerts: metricAlertSpecs({ rules }),
      ruleName: (key) => naming.alertRule(key),
      resourceGroupName: this.resourceGroup.name,
      location: this.resourceGroup.location,
      workspaceId: workspace.id,
      metricTargets: { applicationGateway: props.edge.applicationGateway.id },
      actionGroupId: this.actionGroup.id,
    });

    this.tableAccess = new WorkspaceTableAccess(this, 'table-access', {
      workspaceId: workspace.id,
      queryRoleDefinitionId: workspaceQueryRoleDefinitionId(config.azure.subscriptionId),
      readers: (['logs', 'prompts'] as const).map((reader) => ({
        name: reader,
        principalId: props.identity.workspaceReaders.objectId(reader),
        tables: readableTables(reader, config.apiManagement.logging),
      })),
    });

    if (config.logging.archive.enabled) {
      this.tableExport = new TableExport(this, 'table-export', {
        name: naming.dataExportRule('audit'),
        resourceGroupName: props.monitoring.resourceGroup.name,
        workspaceId: workspace.id,
        storageAccountId: props.data.storageAccount.id,
        tables: GATEWAY_TABLES,
      });
    }
  }
}
