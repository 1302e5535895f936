import { checkableQuery } from '../../constructs/monitoring/workbook/model';
import { USAGE_WORKBOOK } from '../../constructs/monitoring/workbook/usage-workbook';
import { checkKql, formatKqlDiagnostics } from '../../lib/kql/check';
import { tableSchema } from '../../lib/kql/schemas';
import { COST_BY_CALLER } from '../../policies/kql/cost/catalog';
import { changed, type Loose, onlyProblem } from '../helpers/config';
import { type Attributes, resourcesOf, type StackJson, stackOf, synthesizeConfigs, synthShipped, validate } from '../helpers/synth';

const PRICING = {
  currency: 'EUR',
  effectiveDate: '2026-11-01',
  models: [
    { model: 'gpt-4o', inputPer1M: 2.5, outputPer1M: 10 },
    { model: 'text-embedding-3-large', inputPer1M: 0.13, outputPer1M: 0 },
  ],
};

const withPricing = (mutate: (raw: Loose) => void = () => undefined) =>
  changed((raw) => {
    raw.pricing = structuredClone(PRICING);
    raw.access.tiers[0].monthlyBudget = 3000;
    mutate(raw);
  }, 'test');

const raw = withPricing();
const insights: StackJson = stackOf(synthesizeConfigs([validate(raw)]), 'test-insights');
const tier = (raw.access as { tiers: { name: string }[] }).tiers[0]!.name;
const queries = (stack: StackJson) => Object.values(resourcesOf(stack, 'azurerm_log_analytics_query_pack_query'));
const budgetRules = (stack: StackJson) =>
  Object.values(resourcesOf(stack, 'azurerm_monitor_scheduled_query_rules_alert_v2')).filter((rule) =>
    String(rule['name']).includes('-tier-budget-'),
  );

describe('estimated cost per caller, product and model', () => {
  it('deploys the cost query with the configured prices, checked against the table schemas', () => {
    const query = queries(insights).find((q) => q['display_name'] === COST_BY_CALLER.displayName)!;
    const body = String(query['body']);
    expect(body).toContain('let models = dynamic(["gpt-4o", "text-embedding-3-large"]);');
    expect(body).toContain('let inputPer1M = dynamic([real(2.5), real(0.13)]);');
    expect(body).toContain('let outputPer1M = dynamic([10, 0]);');
    expect(body).toContain('Currency = "EUR", PricesEffective = "2026-11-01"');
    expect(body).toContain('by ApimSubscriptionId, ProductId, ClientIp, ModelName');
    expect(formatKqlDiagnostics(COST_BY_CALLER.id, checkKql(body, { tables: COST_BY_CALLER.tables.map(tableSchema) }))).toEqual([]);
  });

  it('adds the same estimate to the workbook, after the token sections, narrowed by the subscription and product filters', () => {
    const workbook = Object.values(resourcesOf(insights, 'azurerm_application_insights_workbook'))[0]!;
    const doc = JSON.parse(String(workbook['data_json'])) as { items: { name: string; type: number; content: { query?: string } }[] };
    const names = doc.items.filter((item) => item.type === 3).map((item) => item.name);
    expect(names.indexOf('estimated-cost')).toBe(names.indexOf('tokens-by-caller-ip') + 1);
    const tile = doc.items.find((item) => item.name === 'estimated-cost')!.content.query!;
    const deployed = String(queries(insights).find((q) => q['display_name'] === COST_BY_CALLER.displayName)!['body']);
    expect(tile.startsWith(deployed.trimEnd())).toBe(true);
    expect(tile.slice(deployed.trimEnd().length)).toBe(
      "\n| where '*' in ({Subscription}) or ApimSubscriptionId in ({Subscription})\n| where '*' in ({Product}) or ProductId in ({Product})",
    );
    const checkable = checkableQuery(tile, USAGE_WORKBOOK.filters);
    expect(formatKqlDiagnostics('estimated-cost', checkKql(checkable, { tables: COST_BY_CALLER.tables.map(tableSchema) }))).toEqual([]);
  });

  it('alerts when a tier is on pace to overspend its monthly budget: the window against its share', () => {
    const rules = budgetRules(insights);
    expect(rules.map((rule) => rule['name'])).toEqual([`alrt-aoaigw-test-tier-budget-${tier}`]);
    const criteria = (rules[0]!['criteria'] as Attributes[])[0]!;
    const query = String(criteria['query']);
    // One day of a 30-day month: 3000 / 30.
    expect(query).toContain('BudgetShare = 100');
    expect(query).toContain(`ProductId == "${tier}"`);
    expect(query).toContain('where UsedPercent >= 100');
    expect(criteria['dimension']).toBeUndefined();
    expect(formatKqlDiagnostics('tier-budget', checkKql(query, { tables: COST_BY_CALLER.tables.map(tableSchema) }))).toEqual([]);
  });

  it('without a price table nothing is estimated: the shipped environments deploy no cost query or budget alert', () => {
    for (const env of ['dev', 'test', 'prod']) {
      const stack = stackOf(synthShipped(), `${env}-insights`);
      expect(queries(stack).filter((q) => q['display_name'] === COST_BY_CALLER.displayName)).toEqual([]);
      expect(budgetRules(stack)).toEqual([]);
    }
  });

  it.each([
    [(r: Loose) => (r.pricing.currency = 'euro'), 'pricing.currency: expected an ISO 4217 currency code such as USD, found "euro"'],
    [
      (r: Loose) => (r.pricing.models[0].inputPer1M = -1),
      'pricing.models[0].inputPer1M: expected a price per million tokens >= 0, found -1',
    ],
    [(r: Loose) => (r.pricing.models[1].model = 'gpt-4o'), 'pricing.models[1].model: expected a model priced once, found "gpt-4o"'],
    [(r: Loose) => delete r.pricing, 'access.tiers[0].monthlyBudget: expected a pricing section to estimate spend with, found 3000'],
  ])('refuses a bad price table in one line (%#)', (mutate, line) => {
    expect(onlyProblem(withPricing(mutate))).toBe(`env.json: ${line}`);
  });
});
