/**
 * Offline KQL checking: parses and semantically analyses a query with Microsoft's Kusto language service against
 * the declared table schemas, so misspelled columns, unknown tables, wrong function arities and syntax errors are
 * found by the tests rather than by a failing alert rule after deployment.
 */
import { type GlobalState, type KustoLanguage, kustoLanguage, toArray } from './engine';
import type { TableSchema } from './schema';
import { ALL_TABLES } from './schemas';

/** Severities as the Kusto language service reports them. */
export type KqlSeverity = 'Error' | 'Warning' | 'Suggestion' | 'Information' | 'Hidden';

export interface KqlDiagnostic {
  readonly severity: KqlSeverity;
  /** Kusto's diagnostic code, e.g. KS142 for an unknown name. */
  readonly code: string;
  readonly message: string;
  /** Zero-based character offset of the problem in the query text. */
  readonly offset: number;
  readonly length: number;
  /** One-based line and column of `offset`. */
  readonly line: number;
  readonly column: number;
}

export interface CheckKqlOptions {
  /**
   * The tables the query may read; any other table name is an error.
   * @default every table declared under lib/kql/schemas
   */
  readonly tables?: readonly TableSchema[];
  /**
   * `error` keeps only the parser's and binder's errors; `all` also runs the language service's analyzers and
   * reports their warnings and suggestions (join without a kind, a variable shadowed by a column, isnull on a
   * string, ...).
   * @default 'error'
   */
  readonly severity?: 'error' | 'all';
}

const SEVERITIES: readonly KqlSeverity[] = ['Error', 'Warning', 'Suggestion', 'Information', 'Hidden'];

function asSeverity(value: string | null): KqlSeverity {
  const found = SEVERITIES.find((s) => s === value);
  // An unknown severity is treated as an error so that it cannot be filtered away silently.
  return found ?? 'Error';
}

/** One-based line and column of a zero-based offset; `\r\n`, `\r` and `\n` each end a line. */
export function lineAndColumn(text: string, offset: number): { readonly line: number; readonly column: number } {
  const end = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < end; i++) {
    const ch = text[i];
    if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

function buildGlobals(kusto: KustoLanguage, tables: readonly TableSchema[]): GlobalState {
  const { ScalarTypes, ColumnSymbol, TableSymbol, DatabaseSymbol } = kusto.Symbols;
  const seen = new Set<string>();
  const symbols = tables.map((table) => {
    if (seen.has(table.name)) {
      throw new Error(`table ${table.name} is declared twice`);
    }
    seen.add(table.name);
    const columnNames = new Set<string>();
    const columns = table.columns.map((column) => {
      if (columnNames.has(column.name)) {
        throw new Error(`table ${table.name}: column ${column.name} is declared twice`);
      }
      columnNames.add(column.name);
      const type = ScalarTypes.GetSymbol(column.type);
      if (type === null) {
        throw new Error(`table ${table.name}: column ${column.name} has type "${column.type}", unknown to Kusto`);
      }
      return new ColumnSymbol(column.name, type, null, null, null, null);
    });
    return new TableSymbol.$ctor4(table.name, columns);
  });
  return kusto.GlobalState.Default.WithDatabase(new DatabaseSymbol.ctor('workspace', symbols));
}

const globalsCache = new WeakMap<readonly TableSchema[], GlobalState>();

function globalsFor(tables: readonly TableSchema[]): GlobalState {
  let globals = globalsCache.get(tables);
  if (globals === undefined) {
    globals = buildGlobals(kustoLanguage(), tables);
    globalsCache.set(tables, globals);
  }
  return globals;
}

interface Checked {
  readonly tables: readonly TableSchema[];
  readonly diagnostics: readonly KqlDiagnostic[];
}

/** Results by severity, table names and query text; an entry counts only for the very same table schemas. */
const checked = new Map<string, Checked>();

/**
 * Parses and analyses `query` and returns its problems, ordered by position. An empty array means the query is
 * valid against the given tables. A query checked before against the same schemas is not analysed again: the
 * environments share most queries, and each analysis takes tens of milliseconds.
 */
export function checkKql(query: string, options: CheckKqlOptions = {}): KqlDiagnostic[] {
  const tables = options.tables ?? ALL_TABLES;
  const severity = options.severity ?? 'error';
  const key = JSON.stringify([severity, tables.map((t) => t.name), query]);
  const before = checked.get(key);
  if (before !== undefined && before.tables.length === tables.length && before.tables.every((t, i) => t === tables[i])) {
    return [...before.diagnostics];
  }
  const diagnostics = analyse(query, tables, severity);
  checked.set(key, { tables: [...tables], diagnostics });
  return [...diagnostics];
}

function analyse(query: string, tables: readonly TableSchema[], severity: 'error' | 'all'): KqlDiagnostic[] {
  const kusto = kustoLanguage();
  const code = kusto.KustoCode.ParseAndAnalyze(query, globalsFor(tables));
  if (code === null) {
    throw new Error('the Kusto language service returned no result for the query');
  }
  const found = toArray(code.GetDiagnostics());
  if (severity === 'all') {
    found.push(...toArray(new kusto.Editor.KustoCodeService.ctor(code).GetAnalyzerDiagnostics(true)));
  }
  return found
    .map((d): KqlDiagnostic => {
      const offset = d.HasLocation ? d.Start : 0;
      return {
        severity: asSeverity(d.Severity),
        code: d.Code ?? '',
        message: d.Message ?? '',
        offset,
        length: d.HasLocation ? d.Length : 0,
        ...lineAndColumn(query, offset),
      };
    })
    .filter((d) => severity === 'all' || d.severity === 'Error')
    .sort((a, b) => a.offset - b.offset || a.code.localeCompare(b.code) || a.message.localeCompare(b.message));
}

/** Problems as `<name>: line N: <message>`, one per diagnostic, for test failures and build output. */
export function formatKqlDiagnostics(name: string, diagnostics: readonly KqlDiagnostic[]): string[] {
  return diagnostics.map((d) => `${name}: line ${d.line}: ${d.message}`);
}

/** Throws with every problem listed when `query` has errors; returns the query otherwise. */
export function assertValidKql(name: string, query: string, options: Omit<CheckKqlOptions, 'severity'> = {}): string {
  const problems = checkKql(query, { tables: options.tables, severity: 'error' });
  if (problems.length > 0) {
    throw new Error(`invalid KQL:\n${formatKqlDiagnostics(name, problems).join('\n')}`);
  }
  return query;
}
