import { USAGE_WORKBOOK, workbookQueries } from '../../constructs/monitoring/workbook/usage-workbook';
import { interactiveRetentionDays } from '../../lib/azure/log-analytics';
import { attributeValidator } from '../../lib/azure/provider-validators';
import { lookbackDays, tablesRead } from '../../lib/kql/lookback';
import { MAX_ALERT_LOOKBACK_MS } from '../../policies/kql/alerts/catalog';
import { readSavedQuery, SAVED_QUERIES } from '../../policies/kql/catalog';

/**
 * The least interactive retention any environment can have, by table: the configuration schema takes the workspace's
 * and the gateway tables' retention from azurerm's validator for `retention_in_days` (30-730), and tables with a
 * 90-day default keep 90 whatever the workspace's.
 */
const { check } = attributeValidator('azurerm_log_analytics_workspace', 'retention_in_days');
const LEAST_RETENTION_DAYS = check.kind === 'between' ? check.min! : NaN;
const leastRetention = (table: string) => interactiveRetentionDays(table, LEAST_RETENTION_DAYS);

describe('no deployed query reads further back than every environment keeps its tables', () => {
  it('the least retention comes from the provider validator the schema uses', () => {
    expect(LEAST_RETENTION_DAYS).toBe(30);
    expect(leastRetention('AzureActivity')).toBe(90);
  });

  it.each(SAVED_QUERIES.map((query) => [query.file, query] as const))('saved query %s', (_file, query) => {
    const text = readSavedQuery(query);
    const lookback = lookbackDays(text);
    expect(lookback).toBeDefined();
    const tables = tablesRead(text);
    expect(tables.sort()).toEqual([...query.tables].sort());
    expect(tables.filter((table) => lookback! > leastRetention(table))).toEqual([]);
  });

  it('log alerts read at most 48 hours, the workbook at most its longest time range', () => {
    expect(MAX_ALERT_LOOKBACK_MS / 86_400_000).toBeLessThanOrEqual(LEAST_RETENTION_DAYS);
    const longestRangeDays = Math.max(...USAGE_WORKBOOK.timeRange.choicesMinutes) / 1440;
    const tables = [...new Set(workbookQueries().flatMap((query) => query.tables))];
    expect(tables.length).toBeGreaterThan(0);
    expect(tables.filter((table) => longestRangeDays > leastRetention(table))).toEqual([]);
  });

  it('reads a look-back from ago() of literals and of let-bound spans, comments aside', () => {
    expect(lookbackDays('let lookback = 7d;\nT | where TimeGenerated > ago(lookback)')).toBe(7);
    expect(lookbackDays('T | where TimeGenerated > ago(15m + 1d)')).toBeCloseTo(1 + 15 / 1440);
    expect(lookbackDays('// ago(90d) in a comment\nT | take 1')).toBeUndefined();
    expect(tablesRead('// AzureActivity\nApiManagementGatewayLogs | take 1')).toEqual(['ApiManagementGatewayLogs']);
  });
});
