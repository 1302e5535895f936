/**
 * A typed model of the Azure Workbooks document format ("Notebook/1.0"), for the few item kinds the project uses,
 * and its translation to the JSON the workbook resource stores. Workbook content is written as this data; the
 * JSON is derived, never edited by hand.
 *
 * Item shapes follow workbooks saved from the portal (type 1 text, 3 query, 9 parameters); see
 * https://learn.microsoft.com/azure/azure-monitor/visualize/workbooks-overview and
 * https://learn.microsoft.com/azure/azure-monitor/visualize/workbooks-time (time range parameter formats).
 */
import { deterministicUuid } from '../../../lib/naming';

/** Workbook parameters a query may reference, and literals that stand in for them when the query is checked. */
export const WORKBOOK_PARAMETER_SAMPLES = {
  /** Bin size suited to the selected time range (e.g. `5m` for an hour, `1h` for a week). */
  '{TimeRange:grain}': '1h',
} as const;
export type WorkbookParameterReference = keyof typeof WORKBOOK_PARAMETER_SAMPLES;

/**
 * A filter the reader sets above every section: a multi-select dropdown whose values a query lists, with "All" as
 * its default. Workbooks substitute the selection quoted and comma-separated, and `*` for "All"
 * (https://learn.microsoft.com/azure/azure-monitor/visualize/workbooks-dropdowns), so a section filters with
 * `filterClause`: `where '*' in ({Name}) or Column in ({Name})`.
 */
export interface FilterParameter {
  /** Parameter name, referenced as `{Name}`; letters and digits. */
  readonly name: string;
  readonly label: string;
  /** KQL listing the values offered, one column; run over the picked time range. */
  readonly query: string;
  /** Every table the value query reads. */
  readonly tables: readonly string[];
}

/** What the checker substitutes for a filter reference: the "All" selection. */
const FILTER_SAMPLE = "'*'";

/** The clause that keeps rows whose column is among the selected values, or every row when "All" is selected. */
export function filterClause(filter: Pick<FilterParameter, 'name'>, column: string): string {
  return `| where '*' in ({${filter.name}}) or ${column} in ({${filter.name}})`;
}

/** A `{Name}` or `{Name:format}` reference, the syntax workbooks substitute before running a query. */
const PARAMETER_REFERENCE = /\{[A-Za-z][A-Za-z0-9_]*(?::[A-Za-z]+)?\}/g;

export type Visualization = 'table' | 'timechart' | 'barchart' | 'piechart';

export interface TextSection {
  readonly kind: 'text';
  /** Unique within the workbook; the portal shows it in edit mode. */
  readonly name: string;
  readonly markdown: string;
}

export interface QuerySection {
  readonly kind: 'query';
  readonly name: string;
  readonly title: string;
  /** KQL, optionally with the parameter references of `WORKBOOK_PARAMETER_SAMPLES`. */
  readonly query: string;
  /** Every table the query reads; the checker allows only these. */
  readonly tables: readonly string[];
  readonly visualization: Visualization;
  /**
   * Share of the row width, in percent; two 50% sections sit side by side.
   * @default 100
   */
  readonly widthPercent?: 25 | 33 | 50 | 67 | 75 | 100;
}

export type WorkbookSection = TextSection | QuerySection;

export interface TimeRangeParameter {
  /** Selected when the workbook opens, in minutes. */
  readonly defaultMinutes: number;
  /** Ranges offered in the picker, in minutes; custom ranges are allowed too. */
  readonly choicesMinutes: readonly number[];
}

export interface WorkbookSpec {
  /** Identifies the workbook's generated ids; stable across deployments. */
  readonly id: string;
  readonly timeRange: TimeRangeParameter;
  /**
   * Dropdown filters after the time range, in this order.
   * @default none
   */
  readonly filters?: readonly FilterParameter[];
  readonly sections: readonly WorkbookSection[];
}

/** The JSON document, as stored in the workbook resource's `serializedData`. */
export interface NotebookDocument {
  readonly version: 'Notebook/1.0';
  readonly items: readonly NotebookItem[];
  readonly isLocked: boolean;
  readonly fallbackResourceIds: readonly string[];
}

export interface NotebookTextItem {
  readonly type: 1;
  readonly name: string;
  readonly content: { readonly json: string };
}

export interface NotebookQueryItem {
  readonly type: 3;
  readonly name: string;
  readonly customWidth?: string;
  readonly content: {
    readonly version: 'KqlItem/1.0';
    readonly query: string;
    readonly title: string;
    readonly size: 0;
    readonly timeContextFromParameter: string;
    readonly timeContext: { readonly durationMs: number };
    /** 0: Azure Monitor Logs. */
    readonly queryType: 0;
    readonly resourceType: 'microsoft.operationalinsights/workspaces';
    readonly crossComponentResources: readonly string[];
    readonly visualization: Visualization;
  };
}

export interface NotebookParametersItem {
  readonly type: 9;
  readonly name: string;
  readonly content: {
    readonly version: 'KqlParameterItem/1.0';
    readonly style: 'pills';
    readonly queryType: 0;
    readonly resourceType: 'microsoft.operationalinsights/workspaces';
    readonly parameters: readonly (NotebookTimeRangeParameter | NotebookDropdownParameter)[];
  };
}

export interface NotebookTimeRangeParameter {
  readonly id: string;
  readonly version: 'KqlParameterItem/1.0';
  readonly name: string;
  readonly label: string;
  /** 4: time range picker. */
  readonly type: 4;
  readonly isRequired: true;
  readonly value: { readonly durationMs: number };
  readonly typeSettings: { readonly selectableValues: readonly { readonly durationMs: number }[]; readonly allowCustom: true };
}

export interface NotebookDropdownParameter {
  readonly id: string;
  readonly version: 'KqlParameterItem/1.0';
  readonly name: string;
  readonly label: string;
  /** 2: dropdown. */
  readonly type: 2;
  readonly isRequired: true;
  readonly multiSelect: true;
  readonly quote: "'";
  readonly delimiter: ',';
  readonly query: string;
  readonly typeSettings: {
    readonly additionalResourceOptions: readonly ['value::all'];
    readonly selectAllValue: '*';
    readonly showDefault: false;
  };
  readonly timeContextFromParameter: string;
  readonly timeContext: { readonly durationMs: number };
  readonly defaultValue: 'value::all';
  readonly value: readonly ['value::all'];
  readonly queryType: 0;
  readonly resourceType: 'microsoft.operationalinsights/workspaces';
  readonly crossComponentResources: readonly string[];
}

export type NotebookItem = NotebookTextItem | NotebookQueryItem | NotebookParametersItem;

/** Name of the time range parameter every query section is bound to. */
export const TIME_RANGE_PARAMETER = 'TimeRange';

const MINUTE_MS = 60_000;

/** Parameter references a query uses, in order of first use. */
export function parameterReferences(query: string): string[] {
  return [...new Set(query.match(PARAMETER_REFERENCE) ?? [])];
}

/**
 * The query as the checker sees it: known parameter references replaced by sample literals. An unknown reference
 * is an error, since the workbook would leave it unsubstituted.
 */
export function checkableQuery(query: string, filters: readonly Pick<FilterParameter, 'name'>[] = []): string {
  const samples: Readonly<Record<string, string>> = {
    ...WORKBOOK_PARAMETER_SAMPLES,
    ...Object.fromEntries(filters.map((filter) => [`{${filter.name}}`, FILTER_SAMPLE])),
  };
  const unknown = parameterReferences(query).filter((reference) => samples[reference] === undefined);
  if (unknown.length > 0) {
    throw new Error(`unknown workbook parameter reference(s) ${unknown.join(', ')}; known: ${Object.keys(samples).join(', ')}`);
  }
  return query.replace(PARAMETER_REFERENCE, (reference) => samples[reference] ?? reference);
}

/** Problems with a workbook spec: duplicate or empty names, queries without tables, bad time ranges. */
export function workbookProblems(spec: WorkbookSpec): string[] {
  const problems: string[] = [];
  const names = spec.sections.map((s) => s.name);
  const duplicated = [...new Set(names.filter((name, i) => names.indexOf(name) !== i))];
  if (duplicated.length > 0) {
    problems.push(`section names must be unique, found twice: ${duplicated.join(', ')}`);
  }
  for (const section of spec.sections) {
    if (section.name.trim() === '') {
      problems.push('a section has an empty name');
    }
    if (section.kind === 'query') {
      if (section.tables.length === 0) {
        problems.push(`section ${section.name}: declare the tables its query reads`);
      }
      try {
        checkableQuery(section.query, spec.filters);
      } catch (error) {
        problems.push(`section ${section.name}: ${(error as Error).message}`);
      }
    }
  }
  const parameterNames = [TIME_RANGE_PARAMETER, ...(spec.filters ?? []).map((f) => f.name)];
  const twice = [...new Set(parameterNames.filter((name, i) => parameterNames.indexOf(name) !== i))];
  if (twice.length > 0) {
    problems.push(`parameter names must be unique, found twice: ${twice.join(', ')}`);
  }
  for (const filter of spec.filters ?? []) {
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(filter.name)) {
      problems.push(`filter ${filter.name}: a name of letters and digits`);
    }
    if (filter.tables.length === 0) {
      problems.push(`filter ${filter.name}: declare the tables its query reads`);
    }
    if (parameterReferences(filter.query).length > 0) {
      problems.push(`filter ${filter.name}: its value query may not reference parameters`);
    }
  }
  const { defaultMinutes, choicesMinutes } = spec.timeRange;
  if (!choicesMinutes.includes(defaultMinutes)) {
    problems.push(`the default time range (${defaultMinutes} minutes) must be one of the choices (${choicesMinutes.join(', ')})`);
  }
  return problems;
}

function queryItem(section: QuerySection, spec: WorkbookSpec, workspaceId: string): NotebookQueryItem {
  const width = section.widthPercent ?? 100;
  return {
    type: 3,
    name: section.name,
    ...(width === 100 ? {} : { customWidth: String(width) }),
    content: {
      version: 'KqlItem/1.0',
      query: section.query,
      title: section.title,
      size: 0,
      timeContextFromParameter: TIME_RANGE_PARAMETER,
      timeContext: { durationMs: spec.timeRange.defaultMinutes * MINUTE_MS },
      queryType: 0,
      resourceType: 'microsoft.operationalinsights/workspaces',
      crossComponentResources: [workspaceId],
      visualization: section.visualization,
    },
  };
}

/**
 * The workbook document for a spec, reading from one Log Analytics workspace. Every query runs over the time
 * range the reader picks; ids derive from the spec id, so the same spec always gives the same document.
 */
export function notebookDocument(spec: WorkbookSpec, workspaceId: string): NotebookDocument {
  const problems = workbookProblems(spec);
  if (problems.length > 0) {
    throw new Error(`workbook ${spec.id}: ${problems.join('; ')}`);
  }
  const parameters: NotebookParametersItem = {
    type: 9,
    name: 'parameters',
    content: {
      version: 'KqlParameterItem/1.0',
      style: 'pills',
      queryType: 0,
      resourceType: 'microsoft.operationalinsights/workspaces',
      parameters: [
        {
          id: deterministicUuid(`${spec.id}/parameter/${TIME_RANGE_PARAMETER}`),
          version: 'KqlParameterItem/1.0',
          name: TIME_RANGE_PARAMETER,
          label: 'Time range',
          type: 4,
          isRequired: true,
          value: { durationMs: spec.timeRange.defaultMinutes * MINUTE_MS },
          typeSettings: {
            selectableValues: spec.timeRange.choicesMinutes.map((minutes) => ({ durationMs: minutes * MINUTE_MS })),
            allowCustom: true,
          },
        },
        ...(spec.filters ?? []).map((filter): NotebookDropdownParameter => ({
          id: deterministicUuid(`${spec.id}/parameter/${filter.name}`),
          version: 'KqlParameterItem/1.0',
          name: filter.name,
          label: filter.label,
          type: 2,
          isRequired: true,
          multiSelect: true,
          quote: "'",
          delimiter: ',',
          query: filter.query,
          typeSettings: { additionalResourceOptions: ['value::all'], selectAllValue: '*', showDefault: false },
          timeContextFromParameter: TIME_RANGE_PARAMETER,
          timeContext: { durationMs: spec.timeRange.defaultMinutes * MINUTE_MS },
          defaultValue: 'value::all',
          value: ['value::all'],
          queryType: 0,
          resourceType: 'microsoft.operationalinsights/workspaces',
          crossComponentResources: [workspaceId],
        })),
      ],
    },
  };
  const [first, ...rest] = spec.sections;
  const item = (section: WorkbookSection): NotebookItem =>
    section.kind === 'text' ? { type: 1, name: section.name, content: { json: section.markdown } } : queryItem(section, spec, workspaceId);
  // The heading stays above the parameters, which apply to everything below them.
  const items: NotebookItem[] =
    first?.kind === 'text' ? [item(first), parameters, ...rest.map(item)] : [parameters, ...spec.sections.map(item)];
  return { version: 'Notebook/1.0', items, isLocked: false, fallbackResourceIds: [workspaceId] };
}
