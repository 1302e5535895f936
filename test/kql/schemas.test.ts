import { defineTable, STANDARD_COLUMNS } from '../../lib/kql/schema';
import {
  AGWAccessLogs,
  AGWFirewallLogs,
  ALL_TABLES,
  ApiManagementGatewayLlmLog,
  ApiManagementGatewayLogs,
  AzureDiagnostics,
  AzureMetrics,
  tableSchema,
} from '../../lib/kql/schemas';

function columnType(
  table: { readonly columns: readonly { readonly name: string; readonly type: string }[] },
  name: string,
): string | undefined {
  return table.columns.find((c) => c.name === name)?.type;
}

describe('declared table schemas', () => {
  test.each(ALL_TABLES.map((t) => [t.name, t] as const))('%s cites its Azure Monitor reference page', (name, table) => {
    expect(table.source).toBe(`https://learn.microsoft.com/azure/azure-monitor/reference/tables/${name.toLowerCase()}`);
  });

  test.each(ALL_TABLES.map((t) => [t.name, t] as const))('%s has unique columns and every standard column', (_name, table) => {
    const names = table.columns.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const [standard, type] of Object.entries(STANDARD_COLUMNS)) {
      expect(columnType(table, standard)).toBe(type);
    }
  });

  test('lists the tables once each, in name order', () => {
    const names = ALL_TABLES.map((t) => t.name);
    expect(names).toEqual([...names].sort());
    expect(new Set(names).size).toBe(names.length);
  });

  test('spells caller IP columns as each table does', () => {
    expect(columnType(ApiManagementGatewayLogs, 'CallerIpAddress')).toBe('string');
    expect(columnType(ApiManagementGatewayLogs, 'CallerIPAddress')).toBeUndefined();
    expect(columnType(AzureDiagnostics, 'CallerIPAddress')).toBe('string');
    expect(columnType(AGWAccessLogs, 'ClientIp')).toBe('string');
    expect(columnType(AGWFirewallLogs, 'ClientIp')).toBe('string');
  });

  test('types the gateway and LLM log columns the queries rely on as documented', () => {
    expect(columnType(ApiManagementGatewayLogs, 'ResponseCode')).toBe('int');
    expect(columnType(ApiManagementGatewayLogs, 'BackendResponseCode')).toBe('int');
    expect(columnType(ApiManagementGatewayLogs, 'TotalTime')).toBe('long');
    expect(columnType(ApiManagementGatewayLogs, 'BackendTime')).toBe('long');
    expect(columnType(ApiManagementGatewayLogs, 'RequestHeaders')).toBe('dynamic');
    expect(columnType(ApiManagementGatewayLlmLog, 'PromptTokens')).toBe('int');
    expect(columnType(ApiManagementGatewayLlmLog, 'SequenceNumber')).toBe('int');
    expect(columnType(ApiManagementGatewayLlmLog, 'IsStreamCompletion')).toBe('bool');
    expect(columnType(ApiManagementGatewayLlmLog, 'RequestMessages')).toBe('dynamic');
    expect(columnType(ApiManagementGatewayLlmLog, 'ProductId')).toBeUndefined();
    expect(columnType(AzureMetrics, 'Maximum')).toBe('real');
  });

  test('declares the Application Gateway columns of AzureDiagnostics with their type suffixes', () => {
    expect(columnType(AzureDiagnostics, 'httpStatus_d')).toBe('real');
    expect(columnType(AzureDiagnostics, 'serverStatus_s')).toBe('string');
    expect(columnType(AzureDiagnostics, 'transactionId_g')).toBe('guid');
    expect(columnType(AzureDiagnostics, 'ruleId_s')).toBe('string');
    for (const column of AzureDiagnostics.columns) {
      const suffix = /_([sdgbt])$/.exec(column.name)?.[1];
      const expected = { s: 'string', d: 'real', g: 'guid', b: 'bool', t: 'datetime' }[suffix ?? ''];
      if (expected !== undefined) {
        expect([column.name, column.type]).toEqual([column.name, expected]);
      }
    }
  });

  test('tableSchema finds a table by name and names the declared ones otherwise', () => {
    expect(tableSchema('AzureMetrics')).toBe(AzureMetrics);
    expect(() => tableSchema('Usage')).toThrow(/no schema is declared for table "Usage"; declared: AGWAccessLogs, /);
  });
});

describe('defineTable', () => {
  test('appends the standard columns the page does not list, after the listed ones', () => {
    const table = defineTable({
      name: 'Example',
      source: 'https://learn.microsoft.com/x',
      columns: { B: 'int', TimeGenerated: 'datetime' },
    });
    expect(table.columns.map((c) => c.name)).toEqual([
      'B',
      'TimeGenerated',
      'TenantId',
      '_TimeReceived',
      'Type',
      '_ItemId',
      '_ResourceId',
      '_SubscriptionId',
      '_IsBillable',
      '_BilledSize',
    ]);
  });

  test('fails for a standard column declared with another type', () => {
    expect(() => defineTable({ name: 'Example', source: 'https://x', columns: { TimeGenerated: 'string' } })).toThrow(
      'table Example: standard column TimeGenerated is datetime, declared string',
    );
  });

  test('fails for names that are not Kusto identifiers and for a missing source', () => {
    expect(() => defineTable({ name: 'My Table', source: 'https://x', columns: {} })).toThrow(/not a Kusto identifier/);
    expect(() => defineTable({ name: 'T', source: 'https://x', columns: { 'a-b': 'string' } })).toThrow(/column name "a-b"/);
    expect(() => defineTable({ name: 'T', source: 'learn.microsoft.com', columns: {} })).toThrow(/https URL/);
  });
});
