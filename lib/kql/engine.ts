/**
 * Loads Microsoft's Kusto language service (Kusto.Language compiled to JavaScript with Bridge.NET) and exposes the
 * few members the checker uses, typed narrowly.
 *
 * The package is not a CommonJS module: `Kusto.Language.Bridge.js` expects the Bridge.NET runtime (`bridge.js`)
 * to have defined the globals `Bridge` and `System` already, and it defines the global `Kusto` itself, the way the
 * package's index.html loads them with script tags. The minified builds the package ships (the ones its
 * index.min.html loads) are a quarter of the size: they load in about half the time and heap (0.34 s and 53 MB
 * against 0.6 s and 98 MB in plain Node). Loading happens on first use, once per process; Jest isolates globals
 * per test file, so its test environment shares one instance per worker instead.
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

/**
 * Evaluates the package's scripts in this realm, for their side effect of defining the globals Bridge, System and
 * Kusto, and returns that `Kusto`. They are global scripts, not modules.
 */
export function loadKustoGlobals(): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('@kusto/language-service-next/bridge.min.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('@kusto/language-service-next/Kusto.Language.Bridge.min.js');
  return Reflect.get(globalThis, 'Kusto');
}

let loaded: KustoLanguage | undefined;

/**
 * The Kusto language service, loaded on first call. A `Kusto` global defined beforehand is used as it is: the test
 * environment provides one loaded once per worker (test/setup/environment.ts).
 */
export function kustoLanguage(): KustoLanguage {
  if (loaded === undefined) {
    const existing: unknown = Reflect.get(globalThis, 'Kusto');
    loaded = asKustoLanguage(existing === undefined ? loadKustoGlobals() : existing);
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
