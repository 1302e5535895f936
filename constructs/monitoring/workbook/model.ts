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
    readonly parameters: readonly {
      readonly id: string;
      readonly version: 'KqlParameterItem/1.0';
      readonly name: string;
      readonly label: string;
      /** 4: time range picker. */
      readonly type: 4;
      readonly isRequired: true;
      readonly value: { readonly durationMs: number };
      readonly typeSettings: { readonly selectableValues: readonly { readonly durationMs: number }[]; readonly allowCustom: true };
    }[];
  };
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
export function checkableQuery(query: string): string {
  const samples: Readonly<Record<string, string>> = WORKBOOK_PARAMETER_SAMPLES;
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
        checkableQuery(section.query);
      } catch (error) {
        problems.push(`section ${section.name}: ${(error as Error).message}`);
      }
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
