import { type PackedQuery, packProblems } from '../../constructs/monitoring/query-pack';
import { Environment } from '../../lib/environment';
import { checkKql, formatKqlDiagnostics } from '../../lib/kql/check';
import { tableSchema } from '../../lib/kql/schemas';
import { readSavedQuery, SAVED_QUERIES, type SavedQuery } from '../../policies/kql/catalog';
import { type Attributes, onlyResource, resourcesOf, SHIPPED_ENVIRONMENTS, shippedConfig, stackOf, synthShipped } from '../helpers/synth';

const synth = synthShipped();
const naming = (env: (typeof SHIPPED_ENVIRONMENTS)[number]) => new Environment(shippedConfig(env)).naming;
const deployedQueries = (env: (typeof SHIPPED_ENVIRONMENTS)[number]) =>
  Object.values(resourcesOf(stackOf(synth, `${env}-insights`), 'azurerm_log_analytics_query_pack_query'));

function catalogEntry(query: Attributes): SavedQuery {
  const entry = SAVED_QUERIES.find((q) => q.displayName === query['display_name']);
  if (entry === undefined) {
    throw new Error(`deployed query "${String(query['display_name'])}" is not in the catalog`);
  }
  return entry;
}

/** Problems the offline checker finds in a query, restricted to the tables the catalog says it reads. */
function problems(name: string, body: string, tables: readonly string[]): string[] {
  return formatKqlDiagnostics(name, checkKql(body, { tables: tables.map(tableSchema) }));
}

describe('saved queries that reassemble prompts and completions', () => {
  const reassembling = SAVED_QUERIES.filter((query) => /RequestMessages|ResponseMessages/.test(readSavedQuery(query)));

  it('exist: the prompt queries are among them', () => {
    expect(reassembling.map((query) => query.file).sort()).toEqual(['prompt-detail.kql', 'prompts-and-completions.kql']);
  });

  it.each(reassembling.map((query) => [query.file, query] as const))(
    '%s picks the newest requests first, and reads message chunks of those only',
    (_file, query) => {
      // Code only: the header comments name the columns too.
      const text = readSavedQuery(query)
        .split('\n')
        .filter((line) => !line.trim().startsWith('//'))
        .join('\n');
      const firstTop = text.indexOf('| top maxRows by TimeGenerated desc');
      const firstChunk = Math.min(...['RequestMessages', 'ResponseMessages'].map((column) => text.indexOf(column)).filter((at) => at >= 0));
      expect(firstTop).toBeGreaterThan(-1);
      expect(firstTop).toBeLessThan(firstChunk);
      // Every read of message chunks is restricted to the picked requests.
      const chunkReads = text.split(/\nlet /).filter((statement) => /Chunk = tostring\((Request|Response)Messages\)/.test(statement));
      expect(chunkReads.length).toBeGreaterThan(0);
      for (const statement of chunkReads) {
        expect(statement).toMatch(/CorrelationId in \(summaries \| project CorrelationId\)|^\w+ = picked\b/);
      }
    },
  );
});

describe('saved query pack', () => {
  it.each(SHIPPED_ENVIRONMENTS)('%s: one pack, named for the environment, holding every catalog query', (env) => {
    const pack = onlyResource(stackOf(synth, `${env}-insights`), 'azurerm_log_analytics_query_pack');
    expect(pack['name']).toBe(naming(env).queryPack());
    expect(
      deployedQueries(env)
        .map((q) => q['display_name'])
        .sort(),
    ).toEqual(SAVED_QUERIES.map((q) => q.displayName).sort());
    const packKey = Object.keys(resourcesOf(stackOf(synth, `${env}-insights`), 'azurerm_log_analytics_query_pack'))[0];
    expect(new Set(deployedQueries(env).map((q) => q['query_pack_id']))).toEqual(
      new Set([`\${azurerm_log_analytics_query_pack.${packKey}.id}`]),
    );
  });

  it('deploys each query with the text of its .kql file, its description, categories and resource types', () => {
    for (const query of deployedQueries('prod')) {
      const entry = catalogEntry(query);
      expect(query).toMatchObject({
        body: readSavedQuery(entry),
        description: entry.description,
        categories: [...entry.packCategories],
        resource_types: [...entry.resourceTypes],
      });
    }
  });

  it('names each query with a GUID derived from its id: stable, distinct per query and per environment', () => {
    const prod = deployedQueries('prod').map((q) => ({ id: catalogEntry(q).id, name: q['name'] }));
    for (const { id, name } of prod) {
      expect(name).toBe(naming('prod').queryPackQueryId(id));
      expect(name).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(new Set(prod.map((q) => q.name)).size).toBe(prod.length);
    const devNames = new Set(deployedQueries('dev').map((q) => q['name']));
    expect(prod.filter((q) => devNames.has(q.name))).toEqual([]);
  });

  it('every deployed query passes the offline check against the tables it declares', () => {
    const found = deployedQueries('prod').flatMap((query) => {
      const entry = catalogEntry(query);
      return problems(entry.id, String(query['body']), entry.tables);
    });
    expect(found).toEqual([]);
  });

  it('holds no Terraform template sequence (${ or %{), which Terraform would try to evaluate', () => {
    const alertQueries = Object.values(resourcesOf(stackOf(synth, 'prod-insights'), 'azurerm_monitor_scheduled_query_rules_alert_v2')).map(
      (rule) => (rule['criteria'] as Attributes[])[0]!['query'],
    );
    const texts = [...deployedQueries('prod').map((q) => q['body']), ...alertQueries].map(String);
    expect(texts.length).toBeGreaterThan(SAVED_QUERIES.length);
    expect(texts.filter((text) => /[$%]\{/.test(text))).toEqual([]);
  });

  it('the check names the query and the problem when a deployed query is broken', () => {
    const query = deployedQueries('prod').find((q) => catalogEntry(q).id === 'tokens-by-product');
    const entry = catalogEntry(query!);
    const broken = String(query!['body']).replace('sum(CompletionTokens)', 'sum(CompletionToken)');
    expect(problems(entry.id, broken, entry.tables)).toEqual([
      expect.stringMatching(/^tokens-by-product: line \d+: The name 'CompletionToken' does not refer to any known column/),
    ]);
  });
});

describe('query pack validation', () => {
  const query: PackedQuery = {
    id: 'a',
    resourceName: '00000000-0000-5000-8000-000000000000',
    displayName: 'A',
    description: 'd',
    body: 'T | take 1',
    categories: ['monitor'],
    resourceTypes: [],
  };

  it('accepts distinct queries with GUID names', () => {
    expect(packProblems([query, { ...query, id: 'b', displayName: 'B', resourceName: '00000000-0000-5000-8000-000000000001' }])).toEqual(
      [],
    );
  });

  it('refuses duplicate ids, names and display names', () => {
    expect(packProblems([query, { ...query }])).toEqual([
      'id must be unique, found twice: a',
      'resourceName must be unique, found twice: 00000000-0000-5000-8000-000000000000',
      'displayName must be unique, found twice: A',
    ]);
  });

  it('refuses a name that is not a lowercase GUID and an empty body', () => {
    expect(packProblems([{ ...query, resourceName: 'tokens', body: '  ' }])).toEqual([
      'query a: resourceName must be a lowercase GUID, got "tokens"',
      'query a: body is empty',
    ]);
  });
});

describe('client IP behind Application Gateway', () => {
  it.each(SHIPPED_ENVIRONMENTS)('%s: saved queries read X-Forwarded-For whatever the casing the caller sent', (env) => {
    const reading = deployedQueries(env).filter((q) => /forwarded-for/i.test(String(q['body'])));
    expect(reading.length).toBeGreaterThan(0);
    for (const query of reading) {
      const body = String(query['body']);
      expect([query['display_name'], body.includes('RequestHeaders["X-Forwarded-For"]')]).toEqual([query['display_name'], false]);
      expect(body).toContain(`extract(@'(?i)"x-forwarded-for"`);
    }
  });
});
