/**
 * Loads Microsoft's Kusto language service (Kusto.Language compiled to JavaScript with Bridge.NET) and exposes the
 * few members the checker uses, typed narrowly.
 *
 * The package is not a CommonJS module: `Kusto.Language.Bridge.js` expects the Bridge.NET runtime (`bridge.js`)
 * to have defined the globals `Bridge` and `System` already, and it defines the global `Kusto` itself, the way the
 * package's index.html loads them with script tags. Loading costs a few hundred milliseconds and ~70 MB of heap,
 * so it happens on first use, once per process (once per test file under Jest, which isolates globals per file).
 */

/** Opaque handles to Kusto symbols: only ever passed back into the service. */
export interface ScalarSymbol {
  readonly Name: string;
}
export interface ColumnSymbol {
  readonly Name: string;
}
export interface TableSymbol {
  readonly Name: string;
}
export interface DatabaseSymbol {
  readonly Name: string;
}

export interface GlobalState {
  WithDatabase(database: DatabaseSymbol): GlobalState;
}

/** A .NET IReadOnlyList as Bridge.NET exposes it. */
export interface BridgeList<T> {
  readonly Count: number;
  getItem(index: number): T;
}

export interface KustoDiagnosticObject {
  readonly Code: string | null;
  readonly Category: string | null;
  readonly Severity: string | null;
  readonly Message: string | null;
  readonly HasLocation: boolean;
  readonly Start: number;
  readonly Length: number;
}

export interface KustoCodeObject {
  GetDiagnostics(): BridgeList<KustoDiagnosticObject> | null;
}

export interface KustoCodeServiceObject {
  GetAnalyzerDiagnostics(waitForAnalysis: boolean): BridgeList<KustoDiagnosticObject> | null;
}

export interface KustoLanguage {
  readonly GlobalState: { readonly Default: GlobalState };
  readonly Editor: { readonly KustoCodeService: { readonly ctor: new (code: KustoCodeObject) => KustoCodeServiceObject } };
  readonly KustoCode: { ParseAndAnalyze(text: string, globals: GlobalState): KustoCodeObject | null };
  readonly Symbols: {
    readonly ScalarTypes: { GetSymbol(typeName: string): ScalarSymbol | null };
    readonly ColumnSymbol: new (
      name: string,
      type: ScalarSymbol,
      description: string | null,
      originalColumns: null,
      source: null,
      examples: null,
    ) => ColumnSymbol;
    readonly TableSymbol: { readonly $ctor4: new (name: string, columns: ColumnSymbol[]) => TableSymbol };
    readonly DatabaseSymbol: { readonly ctor: new (name: string, members: TableSymbol[]) => DatabaseSymbol };
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null;
}

/** Narrows the `Kusto` global to the members used here, failing loudly if a package update moved them. */
function asKustoLanguage(kusto: unknown): KustoLanguage {
  const language = isObject(kusto) ? kusto['Language'] : undefined;
  const symbols = isObject(language) ? language['Symbols'] : undefined;
  const code = isObject(language) ? language['KustoCode'] : undefined;
  const globalState = isObject(language) ? language['GlobalState'] : undefined;
  const editor = isObject(language) ? language['Editor'] : undefined;
  const present =
    isObject(symbols) &&
    isObject(code) &&
    typeof code['ParseAndAnalyze'] === 'function' &&
    isObject(globalState) &&
    isObject(globalState['Default']) &&
    isObject(editor) &&
    isObject(editor['KustoCodeService']) &&
    isObject(symbols['ScalarTypes']) &&
    typeof symbols['ColumnSymbol'] === 'function' &&
    isObject(symbols['TableSymbol']) &&
    isObject(symbols['DatabaseSymbol']);
  if (!present) {
    throw new Error('@kusto/language-service-next did not define Kusto.Language with KustoCode, GlobalState, Editor and Symbols');
  }
  // The shape was checked member by member above; the constructors' signatures come from the package's d.ts.
  return language as unknown as KustoLanguage;
}

let loaded: KustoLanguage | undefined;

/** The Kusto language service, loaded on first call. */
export function kustoLanguage(): KustoLanguage {
  if (loaded === undefined) {
    const existing: unknown = Reflect.get(globalThis, 'Kusto');
    if (existing === undefined) {
      // Global scripts, not modules: evaluated for their side effect of defining Bridge, System and Kusto.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('@kusto/language-service-next/bridge.js');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('@kusto/language-service-next/Kusto.Language.Bridge.js');
    }
    loaded = asKustoLanguage(Reflect.get(globalThis, 'Kusto'));
  }
  return loaded;
}

/** Reads a Bridge.NET list into an array. */
export function toArray<T>(list: BridgeList<T> | null): T[] {
  const items: T[] = [];
  if (list !== null) {
    for (let i = 0; i < list.Count; i++) {
      items.push(list.getItem(i));
    }
  }
  return items;
}
