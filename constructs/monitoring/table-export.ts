import { LogAnalyticsDataExportRule } from '@cdktf/provider-azurerm/lib/log-analytics-data-export-rule';
import { Construct } from 'constructs';

export interface TableExportProps {
  readonly name: string;
  /** Resource group of the workspace; the rule is a child of the workspace. */
  readonly resourceGroupName: string;
  readonly workspaceId: string;
  /** Storage account in the workspace's region; it must not be a premium account. */
  readonly storageAccountId: string;
  readonly tables: readonly string[];
}

/**
 * Continuous export of tables from the workspace to a storage account, as rows arrive. Azure Monitor writes each
 * table to its own container, `am-<table name>`, as JSON lines in hourly folders; immutability therefore has to be
 * set on the account (version-level, with protected append writes) or on those containers, not on a container of
 * the project's choosing (https://learn.microsoft.com/azure/azure-monitor/logs/logs-data-export). The account's
 * firewall must let trusted Microsoft services in.
 */
export class TableExport extends Construct {
  readonly rule: LogAnalyticsDataExportRule;

  constructor(scope: Construct, id: string, props: TableExportProps) {
    super(scope, id);
    if (props.tables.length === 0) {
      throw new Error(`TableExport "${id}": tables is empty; export at least one table or leave the export out`);
    }
    if (new Set(props.tables).size !== props.tables.length) {
      throw new Error(`TableExport "${id}": tables lists a table twice: ${props.tables.join(', ')}`);
    }
    this.rule = new LogAnalyticsDataExportRule(this, 'rule', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      workspaceResourceId: props.workspaceId,
      destinationResourceId: props.storageAccountId,
      tableNames: [...props.tables],
      enabled: true,
    });
  }
}

/** Containers Azure Monitor writes an export to, one per table. */
export function exportContainers(tables: readonly string[]): string[] {
  return tables.map((table) => `am-${table.toLowerCase()}`);
}
