/**
 * Retention values the azurerm provider accepts for Log Analytics, transcribed from azurerm v4.55.0. The
 * configuration schema refuses what the provider would refuse at plan, from this one table.
 */

/**
 * `azurerm_log_analytics_workspace_table.total_retention_in_days`: 4-730, or whole years up to twelve
 * (internal/services/loganalytics/log_analytics_workspace_table_resource.go line 85:
 * `validation.Any(validation.IntBetween(4, 730), validation.IntInSlice([]int{1095, ..., 4383}))`).
 * Seven years is 2556, not 2557.
 */
export const TABLE_TOTAL_RETENTION = {
  range: { min: 4, max: 730 },
  years: [1095, 1460, 1826, 2191, 2556, 2922, 3288, 3653, 4018, 4383],
} as const;

/** `azurerm_log_analytics_workspace_table.retention_in_days`: 4-730 (same file, line 79). */
export const TABLE_RETENTION = { min: 4, max: 730 } as const;

/** `azurerm_log_analytics_workspace.retention_in_days`: 30-730 (log_analytics_workspace_resource.go line 143). */
export const WORKSPACE_RETENTION = { min: 30, max: 730 } as const;

/** Whether the provider accepts a table's total retention. */
export function isTableTotalRetention(days: number): boolean {
  const { range, years } = TABLE_TOTAL_RETENTION;
  return Number.isInteger(days) && ((days >= range.min && days <= range.max) || (years as readonly number[]).includes(days));
}

/** The accepted total retentions, in words, for messages. */
export function tableTotalRetentionText(): string {
  const { range, years } = TABLE_TOTAL_RETENTION;
  return `${range.min}-${range.max} days, or one of ${years.join(', ')} (whole years)`;
}
