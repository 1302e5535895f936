import { LogAnalyticsWorkspaceTable } from '@cdktf/provider-azurerm/lib/log-analytics-workspace-table';
import { Token } from 'cdktf';
import { Construct } from 'constructs';

/**
 * Resource-specific tables that hold the gateway's audit trail: every request with caller, timings and bodies
 * (API Management), every prompt, completion and token count (API Management's LLM log), and what reached the
 * public entry point or was blocked there (Application Gateway). Each exists only when the resource's diagnostic
 * setting uses the Dedicated destination type; AzureDiagnostics cannot carry a per-table retention.
 */
export const GATEWAY_TABLES = ['ApiManagementGatewayLogs', 'ApiManagementGatewayLlmLog', 'AGWAccessLogs', 'AGWFirewallLogs'] as const;
export type GatewayTableName = (typeof GATEWAY_TABLES)[number];

/** Bounds of the table API (https://learn.microsoft.com/azure/azure-monitor/logs/data-retention-configure). */
const INTERACTIVE_DAYS = { min: 30, max: 730 } as const;
const TOTAL_DAYS = { min: 30, max: 4383 } as const;

export interface GatewayTablesProps {
  /** Log Analytics workspace that owns the tables. */
  readonly workspaceId: string;
  /** Days rows stay queryable interactively. */
  readonly retentionDays: number;
  /** Days rows are kept at all; beyond `retentionDays` they sit in long-term retention, reachable by search jobs. */
  readonly totalRetentionDays: number;
  /**
   * Tables to configure.
   * @default GATEWAY_TABLES
   */
  readonly tables?: readonly GatewayTableName[];
}

/** Problems with retention values, one sentence each; unresolved tokens are not judged. */
export function retentionProblems(props: Pick<GatewayTablesProps, 'retentionDays' | 'totalRetentionDays'>): string[] {
  const { retentionDays, totalRetentionDays } = props;
  const problems: string[] = [];
  const known = (value: number) => !Token.isUnresolved(value);
  if (
    known(retentionDays) &&
    !(Number.isInteger(retentionDays) && retentionDays >= INTERACTIVE_DAYS.min && retentionDays <= INTERACTIVE_DAYS.max)
  ) {
    problems.push(
      `retentionDays must be a whole number of days from ${INTERACTIVE_DAYS.min} to ${INTERACTIVE_DAYS.max}, got ${retentionDays}`,
    );
  }
  if (
    known(totalRetentionDays) &&
    !(Number.isInteger(totalRetentionDays) && totalRetentionDays >= TOTAL_DAYS.min && totalRetentionDays <= TOTAL_DAYS.max)
  ) {
    problems.push(
      `totalRetentionDays must be a whole number of days from ${TOTAL_DAYS.min} to ${TOTAL_DAYS.max}, got ${totalRetentionDays}`,
    );
  }
  if (known(retentionDays) && known(totalRetentionDays) && totalRetentionDays < retentionDays) {
    problems.push(`totalRetentionDays (${totalRetentionDays}) must be at least retentionDays (${retentionDays})`);
  }
  return problems;
}

/**
 * Interactive and total retention of the gateway tables, longer than the workspace default: the audit trail outlives
 * operational logs. Deleting this construct does not delete the tables; they fall back to the workspace retention.
 */
export class GatewayTables extends Construct {
  readonly tables: Readonly<Partial<Record<GatewayTableName, LogAnalyticsWorkspaceTable>>>;

  constructor(scope: Construct, id: string, props: GatewayTablesProps) {
    super(scope, id);
    const problems = retentionProblems(props);
    if (problems.length > 0) {
      throw new Error(`GatewayTables "${id}": ${problems.join('; ')}`);
    }
    const names = props.tables ?? GATEWAY_TABLES;
    if (new Set(names).size !== names.length) {
      throw new Error(`GatewayTables "${id}": tables lists a table twice: ${names.join(', ')}`);
    }
    const tables: Partial<Record<GatewayTableName, LogAnalyticsWorkspaceTable>> = {};
    for (const name of names) {
      tables[name] = new LogAnalyticsWorkspaceTable(this, name, {
        workspaceId: props.workspaceId,
        name,
        plan: 'Analytics',
        retentionInDays: props.retentionDays,
        totalRetentionInDays: props.totalRetentionDays,
      });
    }
    this.tables = tables;
  }
}
