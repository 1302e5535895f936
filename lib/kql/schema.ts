/**
 * Typed declarations of the Log Analytics tables the project's queries read. The checker builds its symbol table
 * from these, so a query that names a column or table not declared here fails offline, before any deployment.
 */

/** Scalar types a Log Analytics column can have, spelled as Kusto spells them. */
export type KustoColumnType = 'bool' | 'datetime' | 'decimal' | 'dynamic' | 'guid' | 'int' | 'long' | 'real' | 'string' | 'timespan';

export interface ColumnSchema {
  readonly name: string;
  readonly type: KustoColumnType;
}

export interface TableSchema<Name extends string = string> {
  /** Table name exactly as Log Analytics spells it (names are case-sensitive in KQL). */
  readonly name: Name;
  /** The reference page the columns were transcribed from. */
  readonly source: string;
  readonly columns: readonly ColumnSchema[];
}

export interface TableDefinition<Name extends string> {
  readonly name: Name;
  readonly source: string;
  /** Columns in the order the reference page lists them. */
  readonly columns: Readonly<Record<string, KustoColumnType>>;
}

/**
 * Columns every Log Analytics table carries whether or not its reference page lists them.
 * Source: https://learn.microsoft.com/azure/azure-monitor/logs/log-standard-columns
 */
export const STANDARD_COLUMNS: Readonly<Record<string, KustoColumnType>> = {
  TenantId: 'string',
  TimeGenerated: 'datetime',
  _TimeReceived: 'datetime',
  Type: 'string',
  _ItemId: 'string',
  _ResourceId: 'string',
  _SubscriptionId: 'string',
  _IsBillable: 'string',
  _BilledSize: 'real',
};

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Builds a table schema from its documented columns plus the standard columns. A standard column the page also
 * lists must agree on its type: a disagreement means a transcription mistake.
 */
export function defineTable<Name extends string>(definition: TableDefinition<Name>): TableSchema<Name> {
  if (!IDENTIFIER.test(definition.name)) {
    throw new Error(`table name "${definition.name}" is not a Kusto identifier`);
  }
  if (!definition.source.startsWith('https://')) {
    throw new Error(`table ${definition.name}: source must be the https URL of its reference page, got "${definition.source}"`);
  }
  const columns: ColumnSchema[] = [];
  for (const [name, type] of Object.entries(definition.columns)) {
    if (!IDENTIFIER.test(name)) {
      throw new Error(`table ${definition.name}: column name "${name}" is not a Kusto identifier`);
    }
    const standard = STANDARD_COLUMNS[name];
    if (standard !== undefined && standard !== type) {
      throw new Error(`table ${definition.name}: standard column ${name} is ${standard}, declared ${type}`);
    }
    columns.push({ name, type });
  }
  const declared = new Set(columns.map((c) => c.name));
  for (const [name, type] of Object.entries(STANDARD_COLUMNS)) {
    if (!declared.has(name)) {
      columns.push({ name, type });
    }
  }
  return { name: definition.name, source: definition.source, columns };
}
