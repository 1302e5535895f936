import { resolveAlertRules } from '../../config/schema/monitoring';
import { logAlertSpecs } from '../../constructs/monitoring/alert-plan';
import { WORKLOAD_SUBSCRIPTION_PREFIX } from '../../lib/naming';
import { CALLER_TRACE } from '../../lib/policy/render';
import { readSavedQuery, SAVED_QUERIES } from '../../policies/kql/catalog';
import { resourcesOf, SHIPPED_ENVIRONMENTS, stackOf, synthShipped } from '../helpers/synth';

/**
 * The API policy traces each caller as `<label>=<value>` pairs; the queries and the alert that read those traces
 * must use the same labels, or they silently find no caller at all.
 */
const synth = synthShipped();

describe('who called, as the queries read it', () => {
  const query = SAVED_QUERIES.find((q) => q.id === 'callers-by-subscription')!;
  const text = readSavedQuery(query);

  it("reads the caller's object id and client application with the labels the API policy writes", () => {
    expect(text).toContain(`extract(@"${CALLER_TRACE.objectIdLabel}=([0-9a-fA-F-]+)", 1, Trace)`);
    expect(text).toContain(`extract(@"${CALLER_TRACE.applicationIdLabel}=([0-9a-fA-F-]+)", 1, Trace)`);
    expect(text).toContain('Trace = tostring(TraceRecords)');
  });

  it('counts the callers of each subscription next to each caller row', () => {
    expect(text).toMatch(/summarize CallersOfSubscription = dcount\(CallerObjectId\) by ApimSubscriptionId/);
    expect(text).toMatch(/by ApimSubscriptionId, ProductId, CallerObjectId, CallerApplicationId;/);
  });
});

describe('shared-subscription alert', () => {
  const rules = resolveAlertRules({ rules: {} });
  const spec = logAlertSpecs({ rules, tiers: [], llmApiIds: ['azure-openai'], modelOperationIds: ['chat'] }).find(
    (s) => s.alert === 'shared-subscription',
  )!;

  it('leaves workload subscriptions out, counts distinct traced callers and fires from the configured number on', () => {
    expect(spec.query).toContain(`not(ApimSubscriptionId startswith "${WORKLOAD_SUBSCRIPTION_PREFIX}")`);
    expect(spec.query).toContain(`extract("${CALLER_TRACE.objectIdLabel}=([0-9a-fA-F-]+)", 1, tostring(TraceRecords))`);
    expect(spec.query).toContain('summarize Callers = dcount(CallerObjectId), ProductId = take_any(ProductId) by ApimSubscriptionId');
    expect(spec.query).toMatch(/\| where Callers >= 2\n?$/);
    expect(spec.dimensions).toEqual(['ApimSubscriptionId']);
  });

  it.each(SHIPPED_ENVIRONMENTS)('%s: is deployed, split per subscription, over an hour', (env) => {
    const rules = Object.values(resourcesOf(stackOf(synth, `${env}-insights`), 'azurerm_monitor_scheduled_query_rules_alert_v2'));
    const rule = rules.find((r) => String(r['name']).endsWith('-shared-subscription'));
    expect(rule).toBeDefined();
    expect(rule!['window_duration']).toBe('PT1H');
    expect(rule!['criteria']).toEqual([
      expect.objectContaining({ dimension: [{ name: 'ApimSubscriptionId', operator: 'Include', values: ['*'] }] }),
    ]);
  });
});
