/**
 * How long a Log Analytics table keeps data for interactive queries. "By default, all tables in a Log Analytics
 * workspace retain data for 30 days, except for log tables with 90-day default retention"; a table's own retention
 * overrides the workspace default
 * (https://learn.microsoft.com/azure/azure-monitor/logs/data-retention-configure).
 */

/** Tables kept 90 days by default whatever shorter default the workspace has: the subscription's Activity Log. */
export const NINETY_DAY_DEFAULT_TABLES: readonly string[] = ['AzureActivity'];

/**
 * Days a table's rows stay queryable: its own `retention_in_days` when set, else the workspace's, raised to 90 for
 * the tables whose default is 90 days.
 */
export function interactiveRetentionDays(table: string, workspaceDays: number, tableDays?: number): number {
  if (tableDays !== undefined) {
    return tableDays;
  }
  return NINETY_DAY_DEFAULT_TABLES.includes(table) ? Math.max(workspaceDays, 90) : workspaceDays;
}
