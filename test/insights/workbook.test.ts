import { readFileSync } from 'node:fs';

import {
  checkableQuery,
  type NotebookDocument,
  notebookDocument,
  type NotebookQueryItem,
  TIME_RANGE_PARAMETER,
  workbookProblems,
  type WorkbookSpec,
} from '../../constructs/monitoring/workbook/model';
import {
  EXPORTED_OPENAI_METRICS,
  USAGE_WORKBOOK,
  workbookFilterQueries,
  workbookQueries,
} from '../../constructs/monitoring/workbook/usage-workbook';
import { Environment } from '../../lib/environment';
import { checkKql, formatKqlDiagnostics } from '../../lib/kql/check';
import { tableSchema } from '../../lib/kql/schemas';
import { projectPath } from '../../lib/paths';
import { onlyResource, SHIPPED_ENVIRONMENTS, shippedConfig, stackOf, synthShipped } from '../helpers/synth';

const synth = synthShipped();
const WORKSPACE_REF = /^\$\{data\.terraform_remote_state\.[^.]+\.outputs\.cross-stack-output-azurerm_log_analytics_workspaceworkspaceid\}$/;

const workbookOf = (env: (typeof SHIPPED_ENVIRONMENTS)[number]) =>
  onlyResource(stackOf(synth, `${env}-insights`), 'azurerm_application_insights_workbook');
const documentOf = (env: (typeof SHIPPED_ENVIRONMENTS)[number]) => JSON.parse(String(workbookOf(env)['data_json'])) as NotebookDocument;
const queryItems = (doc: NotebookDocument) => doc.items.filter((item): item is NotebookQueryItem => item.type === 3);

describe('usage workbook resource', () => {
  it.each(SHIPPED_ENVIRONMENTS)('%s: a shared workbook with a stable GUID name, attached to the workspace', (env) => {
    const workbook = workbookOf(env);
    expect(workbook['name']).toBe(new Environment(shippedConfig(env)).naming.workbookId('usage'));
    expect(workbook).toMatchObject({ category: 'workbook', display_name: `Azure OpenAI gateway usage (${env})` });
    // The provider refuses upper case in source_id; the workspace id carries it.
    expect(workbook['source_id']).toMatch(/^\$\{lower\(data\.terraform_remote_state\.[^)]+workspaceid\)\}$/);
  });

  it('gives each environment its own workbook name', () => {
    expect(new Set(SHIPPED_ENVIRONMENTS.map((env) => workbookOf(env)['name'])).size).toBe(SHIPPED_ENVIRONMENTS.length);
  });
});

describe('the token metric is read', () => {
  it('a tile reads the gateway token metric from AppMetrics by the dimension the API policy emits', () => {
    const tile = workbookQueries().find((query) => query.name === 'token-metric-by-subscription')!;
    expect(tile.tables).toEqual(['AppMetrics']);
    expect(tile.query).toContain('where Name == "Total Tokens"');
    const dimension = /Properties\["([^"]+)"\]/.exec(tile.query)![1]!;
    expect(readFileSync(projectPath('policies', 'apim', 'openai-api.xml'), 'utf8')).toContain(`name="${dimension}"`);
  });
});

describe('usage workbook content', () => {
  const doc = documentOf('prod');

  it("finds each request's token summary by its counts, and names accounts by their host, not the pool", () => {
    const queries = queryItems(doc).map((item) => item.content.query.replace(/\/\/.*$/gm, ''));
    expect(queries.filter((q) => /SequenceNumber == 0/.test(q))).toEqual([]);
    expect(queries.filter((q) => /arg_max\(TotalTokens, \*\) by CorrelationId/.test(q)).length).toBeGreaterThan(3);
    const backends = queryItems(doc).find((item) => item.name === 'backend-health')!.content.query;
    expect(backends).toMatch(/by BackendHost\b/);
    expect(backends).not.toMatch(/\bBackendId\b/);
  });

  it('is a Notebook/1.0 document falling back to the environment workspace', () => {
    expect(doc.version).toBe('Notebook/1.0');
    expect(doc.isLocked).toBe(false);
    expect(doc.fallbackResourceIds).toEqual([expect.stringMatching(WORKSPACE_REF)]);
  });

  it('opens with the heading, then a required time range picker defaulting to the last day, then the filters', () => {
    expect(doc.items.map((item) => item.type).slice(0, 2)).toEqual([1, 9]);
    const parameters = doc.items[1];
    expect(parameters?.type === 9 && parameters.content.parameters).toEqual([
      expect.objectContaining({ name: TIME_RANGE_PARAMETER, type: 4, isRequired: true, value: { durationMs: 86_400_000 } }),
      ...['Subscription', 'Product', 'Deployment', 'Backend'].map((name) =>
        expect.objectContaining({
          name,
          type: 2,
          multiSelect: true,
          quote: "'",
          delimiter: ',',
          // "All" by default, substituted as '*', which every filtered section tests for.
          typeSettings: { additionalResourceOptions: ['value::all'], selectAllValue: '*', showDefault: false },
          value: ['value::all'],
          timeContextFromParameter: TIME_RANGE_PARAMETER,
          crossComponentResources: [expect.stringMatching(WORKSPACE_REF)],
        }),
      ),
    ]);
  });

  it('filters by subscription and product wherever the gateway log is read, by deployment wherever the LLM log is', () => {
    const unfiltered = ['edge-backend-health', 'waf-actions', 'openai-time-to-response', 'openai-token-transactions'];
    for (const item of queryItems(doc)) {
      const query = item.content.query;
      if (unfiltered.includes(item.name)) {
        expect([item.name, /\{(Subscription|Product|Deployment|Backend)\}/.test(query)]).toEqual([item.name, false]);
        continue;
      }
      if (query.includes('ApiManagementGatewayLogs')) {
        expect([item.name, query]).toEqual([
          item.name,
          expect.stringContaining("| where '*' in ({Subscription}) or ApimSubscriptionId in ({Subscription})"),
        ]);
        expect([item.name, query]).toEqual([item.name, expect.stringContaining("| where '*' in ({Product}) or ProductId in ({Product})")]);
      }
      if (query.includes('ApiManagementGatewayLlmLog')) {
        expect([item.name, query]).toEqual([
          item.name,
          expect.stringContaining("| where '*' in ({Deployment}) or DeploymentName in ({Deployment})"),
        ]);
      }
    }
    const backends = queryItems(doc).find((item) => item.name === 'backend-health')!.content.query;
    expect(backends).toContain("| where '*' in ({Backend}) or tostring(parse_url(BackendUrl).Host) in ({Backend})");
  });

  it('every filter lists its values with a query that passes the offline check', () => {
    const found = workbookFilterQueries().flatMap((filter) =>
      formatKqlDiagnostics(filter.name, checkKql(filter.query, { tables: filter.tables.map(tableSchema) })),
    );
    expect(workbookFilterQueries().map((f) => f.name)).toEqual([
      'filter Subscription',
      'filter Product',
      'filter Deployment',
      'filter Backend',
    ]);
    expect(found).toEqual([]);
  });

  it("shows Azure OpenAI's own metrics per account, only those diagnostic settings export to AzureMetrics", () => {
    const metric = (name: string) => /MetricName == "(\w+)"/.exec(queryItems(doc).find((item) => item.name === name)!.content.query)![1];
    expect(metric('openai-time-to-response')).toBe('AzureOpenAITimeToResponse');
    expect(metric('openai-token-transactions')).toBe('TokenTransaction');
    const read = queryItems(doc)
      .filter((item) => item.content.query.includes('ResourceProvider == "MICROSOFT.COGNITIVESERVICES"'))
      .flatMap((item) => [...item.content.query.matchAll(/MetricName == "(\w+)"/g)].map((m) => m[1]!));
    expect(read.sort()).toEqual(['AzureOpenAITimeToResponse', 'TokenTransaction']);
    expect(read.filter((name) => !(EXPORTED_OPENAI_METRICS as readonly string[]).includes(name))).toEqual([]);
    expect(EXPORTED_OPENAI_METRICS).not.toContain('AzureOpenAIProvisionedManagedUtilizationV2');
  });

  it('shows the reference metric table: requests, data, latency, tokens by model, subscription and caller, prompts, backends, throttling', () => {
    expect(queryItems(doc).map((item) => item.name)).toEqual([
      'overview',
      'requests-over-time',
      'latency-over-time',
      'tokens-by-model',
      'tokens-over-time',
      'token-metric-by-subscription',
      'tokens-by-subscription',
      'tokens-by-caller-ip',
      'top-caller-ips',
      'recent-prompts',
      'backend-health',
      'throttling-over-time',
      'edge-backend-health',
      'waf-actions',
      'openai-time-to-response',
      'openai-token-transactions',
    ]);
    const overview = queryItems(doc)[0]!.content.query;
    for (const column of [
      'Requests',
      'RequestBytes',
      'ResponseBytes',
      'P95TotalMs',
      'P95BackendMs',
      'PromptTokens',
      'CompletionTokens',
      'TotalTokens',
    ]) {
      expect(overview).toContain(column);
    }
  });

  it('holds no Terraform template sequence but the workspace references', () => {
    const json = String(workbookOf('prod')['data_json']);
    const sequences = [...json.matchAll(/[$%]\{[^}]*\}/g)].map((m) => m[0]);
    expect(sequences.length).toBeGreaterThan(0);
    expect(sequences.filter((sequence) => !WORKSPACE_REF.test(sequence))).toEqual([]);
  });

  it('runs every query against the workspace over the picked time range', () => {
    for (const item of queryItems(doc)) {
      expect(item.content).toMatchObject({
        version: 'KqlItem/1.0',
        queryType: 0,
        resourceType: 'microsoft.operationalinsights/workspaces',
        timeContextFromParameter: TIME_RANGE_PARAMETER,
        crossComponentResources: [expect.stringMatching(WORKSPACE_REF)],
      });
    }
  });

  it('deploys exactly the queries workbookQueries() lists, with the same text', () => {
    expect(queryItems(doc).map((item) => ({ name: item.name, query: item.content.query }))).toEqual(
      workbookQueries().map((q) => ({ name: q.name, query: q.query })),
    );
  });

  it('every deployed query passes the offline check against the tables it declares', () => {
    const declared = new Map(workbookQueries().map((q) => [q.name, q.tables]));
    const found = queryItems(doc).flatMap((item) => {
      const tables = declared.get(item.name) ?? [];
      return formatKqlDiagnostics(
        item.name,
        checkKql(checkableQuery(item.content.query, USAGE_WORKBOOK.filters), { tables: tables.map(tableSchema) }),
      );
    });
    expect(found).toEqual([]);
  });

  it('the check names the section and the problem when a query reads an undeclared table', () => {
    const tokens = workbookQueries().find((q) => q.name === 'tokens-by-model')!;
    const diagnostics = checkKql(tokens.checkable, { tables: [tableSchema('ApiManagementGatewayLogs')] });
    expect(formatKqlDiagnostics(tokens.name, diagnostics)[0]).toMatch(
      /^tokens-by-model: line \d+: The name 'ApiManagementGatewayLlmLog' does not refer/,
    );
  });
});

describe('workbook model', () => {
  const section = { kind: 'query' as const, name: 'q', title: 'Q', query: 'T | take 1', tables: ['T'], visualization: 'table' as const };
  const spec = (sections: WorkbookSpec['sections'], timeRange = { defaultMinutes: 60, choicesMinutes: [60] }): WorkbookSpec => ({
    id: 'x',
    timeRange,
    sections,
  });

  it('substitutes the time grain for the checker and refuses parameters the workbook does not define', () => {
    expect(checkableQuery('T | summarize count() by bin(TimeGenerated, {TimeRange:grain})')).toBe(
      'T | summarize count() by bin(TimeGenerated, 1h)',
    );
    expect(() => checkableQuery('T | where Sub == "{Subscription}"')).toThrow(/unknown workbook parameter reference\(s\) \{Subscription\}/);
  });

  it('refuses duplicate section names, queries without tables and a default range that is not offered', () => {
    expect(workbookProblems(spec([section, { ...section, tables: [] }], { defaultMinutes: 30, choicesMinutes: [60] }))).toEqual([
      'section names must be unique, found twice: q',
      'section q: declare the tables its query reads',
      'the default time range (30 minutes) must be one of the choices (60)',
    ]);
    expect(() => notebookDocument(spec([section, section]), '/w')).toThrow(/^workbook x: section names must be unique/);
  });

  it('refuses filters named twice or like the time range, without tables, or whose value query reads a parameter', () => {
    const filter = { name: 'Sub', label: 'Sub', query: 'T | distinct A', tables: ['T'] };
    expect(
      workbookProblems({
        ...spec([section]),
        filters: [
          filter,
          filter,
          { ...filter, name: TIME_RANGE_PARAMETER },
          { ...filter, name: 'x-y', tables: [], query: 'T | where A in ({Sub})' },
        ],
      }),
    ).toEqual([
      'parameter names must be unique, found twice: Sub, TimeRange',
      'filter x-y: a name of letters and digits',
      'filter x-y: declare the tables its query reads',
      'filter x-y: its value query may not reference parameters',
    ]);
    expect(checkableQuery("T | where '*' in ({Sub}) or A in ({Sub})", [filter])).toBe("T | where '*' in ('*') or A in ('*')");
  });

  it('gives the same document for the same spec', () => {
    expect(JSON.stringify(notebookDocument(USAGE_WORKBOOK, '/w'))).toBe(JSON.stringify(notebookDocument(USAGE_WORKBOOK, '/w')));
  });

  it('sets the width of half-width sections only', () => {
    const doc = notebookDocument(spec([section, { ...section, name: 'half', widthPercent: 50 }]), '/w');
    expect(queryItems(doc).map((item) => item.customWidth)).toEqual([undefined, '50']);
  });
});

describe('workbook client IP', () => {
  it('reads X-Forwarded-For whatever the casing the caller sent', () => {
    const reading = queryItems(documentOf('prod')).filter((item) => /forwarded-for/i.test(item.content.query));
    expect(reading.length).toBeGreaterThan(0);
    for (const item of reading) {
      expect(item.content.query).not.toContain('RequestHeaders["X-Forwarded-For"]');
      expect(item.content.query).toContain(`extract(@'(?i)"x-forwarded-for"`);
    }
  });
});
