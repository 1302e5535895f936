import { readdirSync } from 'node:fs';

import { ALERT_IDS } from '../../config/schema/monitoring';
import { checkKql, formatKqlDiagnostics } from '../../lib/kql/check';
import { stableGuid } from '../../lib/kql/guid';
import { templateParameters } from '../../lib/kql/render';
import { tableSchema } from '../../lib/kql/schemas';
import { projectPath } from '../../lib/paths';
import {
  ALERT_QUERIES,
  ALERT_RULE_CRITERIA,
  alertLookbackMs,
  alertQuery,
  alertQueryTimeRange,
  alertValues,
  MAX_ALERT_LOOKBACK_MS,
  readAlertTemplate,
  renderAlertQuery,
} from '../../policies/kql/alerts/catalog';
import { readSavedQuery, SAVED_QUERIES, savedQuery, savedQueryGuid } from '../../policies/kql/catalog';

/** Problems of a query checked against exactly the tables it declares, analyzer warnings included. */
function problems(name: string, query: string, tables: readonly string[]): string[] {
  return formatKqlDiagnostics(name, checkKql(query, { tables: tables.map(tableSchema), severity: 'all' }));
}

/** True when the query names the table as a whole word outside comments. */
function mentions(query: string, table: string): boolean {
  const code = query.replace(/\/\/.*$/gm, '');
  return new RegExp(`\\b${table}\\b`).test(code);
}

function kqlFiles(folder: string): string[] {
  return readdirSync(projectPath('policies', 'kql', folder))
    .filter((f) => f.endsWith('.kql'))
    .sort();
}

describe('saved query library', () => {
  test('has one catalog entry per .kql file and no entry without a file', () => {
    expect(SAVED_QUERIES.map((q) => q.file).sort()).toEqual(kqlFiles('queries'));
  });

  test('uses unique ids that match the file names, and unique display names', () => {
    expect(SAVED_QUERIES.map((q) => `${q.id}.kql`)).toEqual(SAVED_QUERIES.map((q) => q.file));
    expect(new Set(SAVED_QUERIES.map((q) => q.id)).size).toBe(SAVED_QUERIES.length);
    expect(new Set(SAVED_QUERIES.map((q) => q.displayName.toLowerCase())).size).toBe(SAVED_QUERIES.length);
  });

  test('describes every query and relates it to at least one category and resource type', () => {
    for (const query of SAVED_QUERIES) {
      expect([query.id, query.description.length > 20, query.packCategories.length > 0, query.resourceTypes.length > 0]).toEqual([
        query.id,
        true,
        true,
        true,
      ]);
    }
  });

  test.each(SAVED_QUERIES.map((q) => [q.id, q] as const))('%s is valid KQL against exactly the tables it declares', (id, query) => {
    expect(problems(id, readSavedQuery(query), query.tables)).toEqual([]);
  });

  test.each(SAVED_QUERIES.map((q) => [q.id, q] as const))('%s reads every table it declares', (_id, query) => {
    const text = readSavedQuery(query);
    expect(query.tables.filter((t) => !mentions(text, t))).toEqual([]);
  });

  test('prefers resource-specific tables: only the Azure OpenAI account query reads AzureDiagnostics', () => {
    expect(SAVED_QUERIES.filter((q) => q.tables.includes('AzureDiagnostics')).map((q) => q.id)).toEqual(['openai-account-requests']);
  });

  test('takes token counts from the per-request summary row of the LLM log', () => {
    const tokenQueries = SAVED_QUERIES.filter((q) => /\bsum\(TotalTokens\)/.test(readSavedQuery(q)));
    expect(tokenQueries.length).toBeGreaterThanOrEqual(5);
    for (const query of tokenQueries) {
      // The summary row is the one with the largest count, whatever its SequenceNumber: never the first row alone.
      const text = readSavedQuery(query).replace(/\/\/.*$/gm, '');
      expect([query.id, /arg_max\(TotalTokens, \*\) by CorrelationId/.test(text), /SequenceNumber == 0/.test(text)]).toEqual([
        query.id,
        true,
        false,
      ]);
    }
  });

  test("surfaces the accounts' own request and audit logs per deployment, model version, API version and stream type", () => {
    const text = readSavedQuery(savedQuery('openai-account-requests'));
    expect(text).toContain('Category in ("RequestResponse", "Audit")');
    for (const [column, property] of [
      ['Deployment', 'modelDeploymentName'],
      ['Model', 'modelName'],
      ['ModelVersion', 'modelVersion'],
      ['StreamType', 'streamType'],
    ]) {
      expect(text).toContain(`${column} = tostring(Details.${property})`);
    }
    // apiName is prose ("Azure OpenAI API version 2024-10-21"): the version is extracted from it.
    expect(text).toContain('ApiVersion = coalesce(extract(@"(\\d{4}-\\d{2}-\\d{2}(-preview)?)", 1, ApiName), ApiName)');
    // Audit rows are counted apart and never inflate request counts or latency.
    expect(text).toContain('Requests = countif(IsRequest)');
    expect(text).toContain('P95DurationMs = percentile(iff(IsRequest, DurationMs, long(null)), 95)');
    expect(text).toContain('AuditEvents = countif(not(IsRequest))');
    expect(text).toMatch(/by Resource, OperationName, Deployment, Model, ModelVersion, ApiVersion, StreamType\n/);
  });

  test('reads the prompt from RequestMessages in sequence order, never from the response', () => {
    const text = readSavedQuery(savedQuery('prompt-detail'));
    expect(text).toMatch(/Chunk = tostring\(RequestMessages\)/);
    expect(text).toMatch(/order by CorrelationId asc, SequenceNumber asc/);
    expect(text.replace(/\/\/.*$/gm, '')).not.toMatch(/ResponseMessages|BackendResponseBody|choices/);
  });

  test('attributes chargeback to the product of the gateway log row with the same CorrelationId', () => {
    const text = readSavedQuery(savedQuery('tokens-by-product'));
    expect(text).toMatch(/join kind=leftouter products on CorrelationId/);
    expect(text).toMatch(/by Month = startofmonth\(TimeGenerated\), ProductId, ModelName/);
  });

  test('finds a broken query and names it with the problem', () => {
    const broken = readSavedQuery(savedQuery('tokens-by-subscription')).replace('ApimSubscriptionId)', 'ApimSubscriptionID)');
    expect(problems('tokens-by-subscription', broken, ['ApiManagementGatewayLlmLog', 'ApiManagementGatewayLogs'])[0]).toMatch(
      /^tokens-by-subscription: line \d+: The name 'ApimSubscriptionID' does not refer to any known column/,
    );
  });

  test('gives every query a stable, distinct version 5 GUID', () => {
    const guids = SAVED_QUERIES.map(savedQueryGuid);
    expect(new Set(guids).size).toBe(guids.length);
    for (const guid of guids) {
      expect(guid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(SAVED_QUERIES.map(savedQueryGuid)).toEqual(guids);
  });

  test('savedQuery names the known ids for an unknown one', () => {
    expect(() => savedQuery('nope')).toThrow(/no saved query "nope"; known: usage-by-caller-ip-and-model, /);
  });
});

describe('stableGuid', () => {
  test('matches the RFC 4122 version 5 algorithm', () => {
    // uuid5(NAMESPACE_DNS, "www.example.com") as computed by Python's uuid module.
    expect(stableGuid('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  test('fails for a namespace that is not a UUID', () => {
    expect(() => stableGuid('not-a-uuid', 'x')).toThrow(/namespace must be a UUID/);
  });
});

describe('alert query templates', () => {
  test('cover exactly the alert ids of the configuration schema', () => {
    expect(ALERT_QUERIES.map((a) => a.id)).toEqual([...ALERT_IDS]);
  });

  test('have one catalog entry per template file', () => {
    expect(ALERT_QUERIES.map((a) => a.file).sort()).toEqual(kqlFiles('alerts'));
    expect(ALERT_QUERIES.map((a) => `${a.id}.kql`)).toEqual(ALERT_QUERIES.map((a) => a.file));
  });

  test.each(ALERT_QUERIES.map((a) => [a.id, a] as const))('%s declares exactly the placeholders of its template', (_id, alert) => {
    expect(alert.parameters.map((p) => p.name)).toEqual(templateParameters(readAlertTemplate(alert), alert.file));
    expect(Object.keys(alert.exampleValues).sort()).toEqual(alert.parameters.map((p) => p.name).sort());
  });

  test.each(ALERT_QUERIES.map((a) => [a.id, a] as const))('%s renders with its example values into valid KQL', (id, alert) => {
    const query = renderAlertQuery(alert, alert.exampleValues);
    expect(query).not.toContain('{{');
    expect(problems(id, query, alert.tables)).toEqual([]);
    expect(alert.tables.filter((t) => !mentions(query, t))).toEqual([]);
  });

  test.each(ALERT_QUERIES.map((a) => [a.id, a] as const))('%s reads back no further than a log search alert can', (_id, alert) => {
    expect(alertLookbackMs(alert, alert.exampleValues)).toBeGreaterThan(0);
    expect(alertLookbackMs(alert, alert.exampleValues)).toBeLessThanOrEqual(MAX_ALERT_LOOKBACK_MS);
  });

  test('renders configuration values as literals in place of the placeholders', () => {
    const query = renderAlertQuery(alertQuery('gateway-throttling'), { window: { minutes: 10 }, minRequests: 50, threshold: 2.5 });
    expect(query).toContain('| where TimeGenerated > ago(10m)');
    expect(query).toContain('| where Requests >= 50');
    expect(query).toContain('| where ThrottledPercent > real(2.5)');
  });

  test('quotes the product of the token quota alert as a string literal', () => {
    const alert = alertQuery('token-quota');
    const query = renderAlertQuery(alert, { ...alert.exampleValues, productId: 'team "x"' });
    expect(query).toContain('| where ProductId == "team \\"x\\""');
    expect(problems('token-quota', query, alert.tables)).toEqual([]);
  });

  test('rejects a value of the wrong kind, naming the alert and parameter', () => {
    const alert = alertQuery('latency-p95');
    expect(() => renderAlertQuery(alert, { ...alert.exampleValues, window: 15 })).toThrow(
      'alert latency-p95: window must be a timespan, got number',
    );
    expect(() => renderAlertQuery(alert, { ...alert.exampleValues, threshold: '30000' })).toThrow(
      'alert latency-p95: threshold must be a number, got string',
    );
  });

  test('rejects a lookback longer than 48 hours', () => {
    const alert = alertQuery('waf-blocks-spike');
    expect(() => renderAlertQuery(alert, { ...alert.exampleValues, baseline: { days: 2 } })).toThrow(
      'alert waf-blocks-spike: reads back 48.25 hours (window + baseline); a log search alert reads at most 48',
    );
    expect(() => renderAlertQuery(alertQuery('token-quota'), { ...alertQuery('token-quota').exampleValues, window: { days: 30 } })).toThrow(
      /reads back 720 hours/,
    );
  });

  test('rejects missing and unknown values through the renderer', () => {
    const alert = alertQuery('backends-unavailable');
    expect(() => renderAlertQuery(alert, { window: { minutes: 5 } })).toThrow('no value for placeholder(s) threshold');
    expect(() => renderAlertQuery(alert, { window: { minutes: 5 }, threshold: 1, severity: 2 })).toThrow(
      'value(s) severity match no placeholder',
    );
  });

  test('fills parameters left out with their defaults', () => {
    const alert = alertQuery('waf-blocks-spike');
    expect(alertValues(alert, { window: { minutes: 15 }, threshold: 50 })).toEqual({
      window: { minutes: 15 },
      baseline: { hours: 24 },
      threshold: 50,
      spikeFactor: 3,
    });
    const query = renderAlertQuery(alert, { window: { minutes: 15 }, threshold: 50 });
    expect(query).toContain('ago(1d + 15m)');
    expect(query).toContain('Blocked > 3 * Expected');
  });

  test('leaves configuration parameters without defaults', () => {
    for (const alert of ALERT_QUERIES) {
      const configured = alert.parameters.filter((p) => p.default === undefined).map((p) => p.name);
      expect([alert.id, configured.includes('threshold')]).toEqual([alert.id, true]);
    }
  });

  test('picks the shortest query time range covering what the query reads', () => {
    expect(alertQueryTimeRange(alertQuery('gateway-throttling'), { window: { minutes: 15 } })).toBe('PT15M');
    expect(alertQueryTimeRange(alertQuery('latency-p95'), { window: { minutes: 25 } })).toBe('PT30M');
    expect(alertQueryTimeRange(alertQuery('token-quota'), { window: { days: 1 } })).toBe('P1D');
    expect(alertQueryTimeRange(alertQuery('waf-blocks-spike'), { window: { minutes: 15 } })).toBe('P2D');
    expect(() => alertQueryTimeRange(alertQuery('token-quota'), { window: { hours: 49 } })).toThrow(/reads back 49 hours/);
  });

  test('fire on any returned row', () => {
    expect(ALERT_RULE_CRITERIA).toEqual({ timeAggregationMethod: 'Count', operator: 'GreaterThan', threshold: 0 });
  });
});
