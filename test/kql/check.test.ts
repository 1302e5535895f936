import { assertValidKql, checkKql, formatKqlDiagnostics, type KqlDiagnostic, lineAndColumn } from '../../lib/kql/check';
import { kustoLanguage } from '../../lib/kql/engine';
import { kqlLiteral, kqlString } from '../../lib/kql/render';
import { defineTable, type TableSchema } from '../../lib/kql/schema';
import { ApiManagementGatewayLogs } from '../../lib/kql/schemas';

const Requests = defineTable({
  name: 'Requests',
  source: 'https://learn.microsoft.com/example',
  columns: { Caller: 'string', Status: 'int', Duration: 'long', Headers: 'dynamic' },
});
const TABLES: readonly TableSchema[] = [Requests];

function codes(diagnostics: readonly KqlDiagnostic[]): string[] {
  return diagnostics.map((d) => d.code);
}

describe('checkKql', () => {
  test('passes a valid query against the declared tables', () => {
    const query = [
      'let lookback = 1d;',
      'Requests',
      '| where TimeGenerated > ago(lookback) and Status >= 500',
      '| extend Agent = tostring(Headers["User-Agent"])',
      '| summarize Failures = count(), P95 = percentile(Duration, 95) by Caller, Agent',
      '| top 10 by Failures desc',
    ].join('\n');
    expect(checkKql(query, { tables: TABLES })).toEqual([]);
  });

  test('passes a query over the standard columns every table has', () => {
    expect(checkKql('Requests | summarize sum(_BilledSize) by _ResourceId, Type, TenantId, _TimeReceived', { tables: TABLES })).toEqual([]);
  });

  test('reports a misspelled column with its line and column', () => {
    const diagnostics = checkKql('Requests\n| where Stauts == 500', { tables: TABLES });
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'Error', code: 'KS142', line: 2, column: 9, offset: 17, length: 6 });
    expect(diagnostics[0]?.message).toContain("'Stauts'");
  });

  test('treats column names as case-sensitive', () => {
    expect(codes(checkKql('Requests | project caller', { tables: TABLES }))).toEqual(['KS142']);
  });

  test('reports an unknown table', () => {
    const diagnostics = checkKql('Request | take 1', { tables: TABLES });
    expect(codes(diagnostics)).toEqual(['KS204']);
    expect(diagnostics[0]?.message).toContain("'Request'");
  });

  test('rejects a table that exists elsewhere but is not among the given tables', () => {
    expect(codes(checkKql('ApiManagementGatewayLogs | take 1', { tables: TABLES }))).toEqual(['KS204']);
    expect(checkKql('ApiManagementGatewayLogs | take 1', { tables: [ApiManagementGatewayLogs] })).toEqual([]);
  });

  test('checks against every declared project table by default', () => {
    expect(checkKql('ApiManagementGatewayLlmLog | summarize sum(TotalTokens) by ModelName')).toEqual([]);
    expect(codes(checkKql('ApiManagementGatewayLogs | project CallerIPAddress'))).toEqual(['KS142']);
  });

  test('reports a function called with the wrong number of arguments', () => {
    const diagnostics = checkKql('Requests | extend n = strlen(Caller, 2)', { tables: TABLES });
    expect(codes(diagnostics)).toEqual(['KS119']);
    expect(diagnostics[0]?.message).toContain("'strlen'");
  });

  test('reports a misspelled function', () => {
    expect(codes(checkKql('Requests | summarize strcat_aray(make_list(Caller), ",")', { tables: TABLES }))).toEqual(['KS211']);
  });

  test('reports a syntax error', () => {
    const diagnostics = checkKql('Requests\n| where Status == 500 |', { tables: TABLES });
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics[0]).toMatchObject({ severity: 'Error', line: 2 });
  });

  test('reports an unbalanced parenthesis', () => {
    expect(checkKql('Requests | where (Status == 500', { tables: TABLES })).not.toEqual([]);
  });

  test('finds misspelled columns inside let-bound subqueries and joins', () => {
    const query = [
      'let failures = Requests | where Status >= 500 | project Caller, Status;',
      'Requests',
      '| join kind=leftouter failures on Caller',
      '| project Caller, Statuss',
    ].join('\n');
    const diagnostics = checkKql(query, { tables: TABLES });
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([['KS142', 4]]);
  });

  test('orders problems by position', () => {
    const diagnostics = checkKql('Requests | where Foo == 1 | project Bar', { tables: TABLES });
    expect(diagnostics.map((d) => d.offset)).toEqual([...diagnostics.map((d) => d.offset)].sort((a, b) => a - b));
    expect(diagnostics).toHaveLength(2);
  });

  test('reports analyzer warnings only when asked for all severities', () => {
    const query = 'Requests | join (Requests | where Status >= 500) on Caller';
    expect(checkKql(query, { tables: TABLES })).toEqual([]);
    const all = checkKql(query, { tables: TABLES, severity: 'all' });
    expect(all.map((d) => [d.severity, d.code])).toEqual([['Warning', 'KS508']]);
    expect(all[0]?.message).toContain('join kind');
  });

  test('warns when a column silently shadows a variable of the same name', () => {
    const diagnostics = checkKql('let Status = 500; Requests | where Status == Status', { tables: TABLES, severity: 'all' });
    expect(codes(diagnostics)).toContain('KS510');
  });

  test('fails for a table or column declared twice, or a type Kusto does not know', () => {
    expect(() => checkKql('Requests', { tables: [Requests, Requests] })).toThrow('table Requests is declared twice');
    const doubled: TableSchema = {
      name: 'T',
      source: 'https://x',
      columns: [
        { name: 'a', type: 'string' },
        { name: 'a', type: 'long' },
      ],
    };
    expect(() => checkKql('T', { tables: [doubled] })).toThrow('table T: column a is declared twice');
    const untyped = { name: 'U', source: 'https://x', columns: [{ name: 'a', type: 'varchar' }] };
    expect(() => checkKql('U', { tables: [untyped as unknown as TableSchema] })).toThrow(
      'table U: column a has type "varchar", unknown to Kusto',
    );
  });

  test('accepts the literals the template renderer produces', () => {
    const values = [
      kqlString('quote " backslash \\ newline \n tab \t'),
      kqlLiteral({ hours: 1, minutes: 30 }),
      kqlLiteral(-2.5),
      kqlLiteral(['a', 'b']),
      kqlLiteral(true),
    ];
    expect(checkKql(`print ${values.map((v, i) => `v${i} = ${v}`).join(', ')}`, { tables: TABLES })).toEqual([]);
    expect(checkKql(`Requests | where Duration - ${kqlLiteral(-5)} > 0`, { tables: TABLES })).toEqual([]);
  });
});

describe('formatKqlDiagnostics', () => {
  test('prints one "<name>: line N: <message>" per problem', () => {
    const lines = formatKqlDiagnostics('errors-by-caller', checkKql('Requests\n| project Foo', { tables: TABLES }));
    expect(lines).toEqual(["errors-by-caller: line 2: The name 'Foo' does not refer to any known column, table, variable or function."]);
  });

  test('analyses a query once for the same table schemas, and hands out copies of the result', () => {
    const analyse = jest.spyOn(kustoLanguage().KustoCode, 'ParseAndAnalyze');
    try {
      const query = 'Requests | where Status == 418 | project Caller, Teapot';
      const first = checkKql(query, { tables: TABLES });
      expect(codes(first)).toEqual(['KS142']);
      first.pop();
      expect(codes(checkKql(query, { tables: [...TABLES] }))).toEqual(['KS142']);
      expect(analyse).toHaveBeenCalledTimes(1);
      // Another schema of the same name, and another severity, are analysed anew.
      const renamed = defineTable({ name: 'Requests', source: 'https://learn.microsoft.com/example', columns: { Teapot: 'string' } });
      expect(codes(checkKql(query, { tables: [renamed] }))).toEqual(['KS142', 'KS142']);
      checkKql(query, { tables: TABLES, severity: 'all' });
      expect(analyse).toHaveBeenCalledTimes(3);
    } finally {
      analyse.mockRestore();
    }
  });
});

describe('assertValidKql', () => {
  test('returns a valid query unchanged', () => {
    expect(assertValidKql('ok', 'Requests | take 1', { tables: TABLES })).toBe('Requests | take 1');
  });

  test('throws listing every problem with the query name', () => {
    expect(() => assertValidKql('bad', 'Requests | project Foo, Bar', { tables: TABLES })).toThrow(
      /invalid KQL:\nbad: line 1: The name 'Foo'.*\nbad: line 1: The name 'Bar'/,
    );
  });
});

describe('lineAndColumn', () => {
  test('counts lines and columns from one', () => {
    expect(lineAndColumn('abc', 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn('ab\ncd', 3)).toEqual({ line: 2, column: 1 });
    expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });

  test('treats \\r\\n as one line break and a lone \\r as one', () => {
    expect(lineAndColumn('a\r\nb\rc', 4)).toEqual({ line: 2, column: 2 });
    expect(lineAndColumn('a\r\nb\rc', 5)).toEqual({ line: 3, column: 1 });
  });

  test('clamps offsets outside the text', () => {
    expect(lineAndColumn('ab\ncd', 99)).toEqual({ line: 2, column: 3 });
    expect(lineAndColumn('ab', -1)).toEqual({ line: 1, column: 1 });
  });
});
