import type { TableSchema } from '../schema';
import { AGWAccessLogs } from './agw-access-logs';
import { AGWFirewallLogs } from './agw-firewall-logs';
import { ApiManagementGatewayLlmLog } from './api-management-gateway-llm-log';
import { ApiManagementGatewayLogs } from './api-management-gateway-logs';
import { AppMetrics } from './app-metrics';
import { AppRequests } from './app-requests';
import { AzureActivity } from './azure-activity';
import { AzureDiagnostics } from './azure-diagnostics';
import { AzureMetrics } from './azure-metrics';

export {
  AGWAccessLogs,
  AGWFirewallLogs,
  ApiManagementGatewayLlmLog,
  ApiManagementGatewayLogs,
  AppMetrics,
  AppRequests,
  AzureActivity,
  AzureDiagnostics,
  AzureMetrics,
};

/** Every table the project's queries may read, in name order. */
export const ALL_TABLES = [
  AGWAccessLogs,
  AGWFirewallLogs,
  ApiManagementGatewayLlmLog,
  ApiManagementGatewayLogs,
  AppMetrics,
  AppRequests,
  AzureActivity,
  AzureDiagnostics,
  AzureMetrics,
] as const satisfies readonly TableSchema[];

export type TableName = (typeof ALL_TABLES)[number]['name'];

/** The declared schema of a table, or an error listing the declared tables. */
export function tableSchema(name: string): TableSchema {
  const table: TableSchema | undefined = ALL_TABLES.find((t) => t.name === name);
  if (table === undefined) {
    throw new Error(`no schema is declared for table "${name}"; declared: ${ALL_TABLES.map((t) => t.name).join(', ')}`);
  }
  return table;
}
