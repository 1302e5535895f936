import { readFileSync } from 'node:fs';

import { Testing } from 'cdktf';

import type { EnvironmentConfig } from '../../config/schema/environment';
import { ALERT_DEFAULTS, ALERT_IDS, type AlertId, resolveAlertRules } from '../../config/schema/monitoring';
import { AlertActionGroup } from '../../constructs/monitoring/action-group';
import { isoDuration, logAlertSpecs, queryTimeRange } from '../../constructs/monitoring/alert-plan';
import { GatewayAlerts } from '../../constructs/monitoring/alerts';
import { Environment } from '../../lib/environment';
import { checkKql, formatKqlDiagnostics } from '../../lib/kql/check';
import { kqlTimespan } from '../../lib/kql/render';
import { tableSchema } from '../../lib/kql/schemas';
import { projectPath } from '../../lib/paths';
import { MODEL_OPERATION_IDS, OPENAI_API_OPERATIONS } from '../../lib/policy/openai-api';
import { TOKEN_LIMIT_HEADERS, TOKEN_LIMIT_POLICY } from '../../lib/policy/render';
import { alertQuery } from '../../policies/kql/alerts/catalog';
import {
  type Attributes,
  onlyResource,
  resourcesOf,
  SHIPPED_ENVIRONMENTS,
  shippedConfig,
  type StackJson,
  stackOf,
  synthesizeConfigs,
  synthShipped,
} from '../helpers/synth';

type Env = (typeof SHIPPED_ENVIRONMENTS)[number];

const synth = synthShipped();
const insights = (env: Env) => stackOf(synth, `${env}-insights`);
const naming = (config: EnvironmentConfig) => new Environment(config).naming;
const logRules = (stack: StackJson) => Object.values(resourcesOf(stack, 'azurerm_monitor_scheduled_query_rules_alert_v2'));
const ruleNamed = (stack: StackJson, name: string): Attributes => {
  const rule = [...logRules(stack), ...Object.values(resourcesOf(stack, 'azurerm_monitor_metric_alert'))].find((r) => r['name'] === name);
  if (rule === undefined) {
    throw new Error(`no alert rule ${name}`);
  }
  return rule;
};
const criteriaOf = (rule: Attributes) => (rule['criteria'] as Attributes[])[0]!;
const actionGroupRef = (stack: StackJson) =>
  `\${azurerm_monitor_action_group.${Object.keys(resourcesOf(stack, 'azurerm_monitor_action_group'))[0]}.id}`;
/** The lines of a query that are not comments. */
const codeLines = (query: string) => query.split('\n').filter((line) => !line.startsWith('//'));
/** Minutes of an ISO 8601 duration as isoDuration writes them (PT15M, PT1H, P2D). */
function minutesOf(duration: unknown): number {
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(String(duration));
  if (match === null) {
    throw new Error(`not an ISO 8601 duration: ${String(duration)}`);
  }
  return Number(match[1] ?? 0) * 1440 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0);
}
const WORKSPACE_REF = /^\$\{data\.terraform_remote_state\.[^.]+\.outputs\.cross-stack-output-azurerm_log_analytics_workspaceworkspaceid\}$/;

/** The key of each log alert rule an environment should have: one per log alert, one quota alert per tier with a quota. */
function expectedLogKeys(config: EnvironmentConfig): string[] {
  const perTier: Partial<Record<AlertId, (tier: EnvironmentConfig['access']['tiers'][number]) => boolean>> = {
    'token-quota': (tier) => tier.tokenQuota !== undefined,
    'tier-budget': (tier) => tier.monthlyBudget !== undefined && config.pricing !== undefined,
  };
  return ALERT_IDS.filter((id) => ALERT_DEFAULTS[id].kind === 'log').flatMap((id) => {
    const applies = perTier[id];
    if (applies !== undefined) {
      return config.access.tiers.filter(applies).map((tier) => `${id}-${tier.name}`);
    }
    return id === 'quota-refusals' && config.access.tiers.every((tier) => tier.tokenQuota === undefined) ? [] : [id];
  });
}

/** The alert a rule key comes from: per-tier keys carry the tier after the alert id. */
function alertIdOf(key: string): AlertId {
  return (['token-quota', 'tier-budget'] as const).find((id) => key.startsWith(`${id}-`)) ?? (key as AlertId);
}

describe('action group', () => {
  it.each(SHIPPED_ENVIRONMENTS)('%s: notifies the configured receivers with the common alert schema', (env) => {
    const config = shippedConfig(env);
    const group = onlyResource(insights(env), 'azurerm_monitor_action_group');
    expect(group).toMatchObject({
      name: naming(config).actionGroup(),
      short_name: naming(config).actionGroupShortName(),
      location: 'global',
    });
    expect(group['email_receiver']).toEqual(
      config.alerts.receivers.emails.map((e) => ({ name: e.name, email_address: e.address, use_common_alert_schema: true })),
    );
  });

  it('adds webhooks from configuration', () => {
    const raw = shippedConfig('dev');
    const config: EnvironmentConfig = {
      ...raw,
      alerts: {
        ...raw.alerts,
        receivers: { ...raw.alerts.receivers, webhooks: [{ name: 'pager', uri: 'https://hooks.example.com/aoai' }] },
      },
    };
    const group = onlyResource(stackOf(synthesizeConfigs([config]), 'dev-insights'), 'azurerm_monitor_action_group');
    expect(group['webhook_receiver']).toEqual([
      { name: 'pager', service_uri: 'https://hooks.example.com/aoai', use_common_alert_schema: true },
    ]);
  });

  it('refuses receivers with the same name', () => {
    const receivers = {
      emails: [{ name: 'ops', address: 'ops@contoso.com' }],
      webhooks: [{ name: 'ops', uri: 'https://hooks.example.com/x' }],
    };
    expect(() => new AlertActionGroup(Testing.app(), 'group', { name: 'ag', shortName: 'ag', resourceGroupName: 'rg', receivers })).toThrow(
      /receiver names must be unique, found twice: ops/,
    );
  });
});

describe('scheduled query alerts', () => {
  it.each(SHIPPED_ENVIRONMENTS)('%s: one rule per log alert, and one quota rule per tier with a token quota', (env) => {
    const config = shippedConfig(env);
    const names = logRules(insights(env)).map((r) => r['name']);
    expect(names.sort()).toEqual(
      expectedLogKeys(config)
        .map((key) => naming(config).alertRule(key))
        .sort(),
    );
  });

  it.each(SHIPPED_ENVIRONMENTS)(
    '%s: severity, window and frequency from configuration over the defaults; scoped to the workspace',
    (env) => {
      const config = shippedConfig(env);
      const rules = resolveAlertRules(config.alerts);
      const stack = insights(env);
      for (const rule of logRules(stack)) {
        const key = String(rule['name']).replace(`alrt-${config.workload}-${env}-`, '');
        const id = alertIdOf(key);
        expect(rule).toMatchObject({
          severity: rules[id].severity,
          enabled: rules[id].enabled,
          window_duration: isoDuration(rules[id].windowMinutes),
          evaluation_frequency: isoDuration(rules[id].frequencyMinutes),
          auto_mitigation_enabled: true,
          action: { action_groups: [actionGroupRef(stack)] },
        });
        expect(rule['scopes']).toEqual([expect.stringMatching(WORKSPACE_REF)]);
        expect(criteriaOf(rule)).toMatchObject({ time_aggregation_method: 'Count', operator: 'GreaterThan', threshold: 0 });
      }
    },
  );

  it.each(SHIPPED_ENVIRONMENTS)('%s: every alert query passes the offline check against the tables its template declares', (env) => {
    const found = logRules(insights(env)).flatMap((rule) => {
      const key = String(rule['name']).replace(/^alrt-[a-z0-9]+-[a-z0-9]+-/, '');
      const template = alertQuery(alertIdOf(key));
      return formatKqlDiagnostics(key, checkKql(String(criteriaOf(rule)['query']), { tables: template.tables.map(tableSchema) }));
    });
    expect(found).toEqual([]);
  });

  it('the check names the alert and the problem when a rendered query is broken', () => {
    const rule = ruleNamed(insights('prod'), 'alrt-aoaigw-prod-backend-errors');
    const broken = String(criteriaOf(rule)['query']).replace('by BackendHost\n', 'by BackendName\n');
    const diagnostics = formatKqlDiagnostics('backend-errors', checkKql(broken, { tables: [tableSchema('ApiManagementGatewayLogs')] }));
    expect(diagnostics).toEqual([expect.stringMatching(/^backend-errors: line \d+: The name 'BackendName' does not refer/)]);
  });

  it.each(SHIPPED_ENVIRONMENTS)('%s: each rule whose rows are per backend, API or subscription splits by those columns', (env) => {
    const perEntity: Record<string, readonly string[]> = {
      'backend-errors': ['BackendHost'],
      'caller-5xx': ['BackendHost', 'Cause'],
      'backend-capacity': ['ApiId'],
      'latency-p95': ['ApiId'],
      'token-quota': ['ApimSubscriptionId'],
      'quota-refusals': ['ApimSubscriptionId'],
      'shared-subscription': ['ApimSubscriptionId'],
    };
    const stack = insights(env);
    for (const rule of logRules(stack)) {
      const key = String(rule['name']).replace(/^alrt-[a-z0-9]+-[a-z0-9]+-/, '');
      const columns = perEntity[alertIdOf(key)];
      const criteria = criteriaOf(rule);
      if (columns === undefined) {
        expect([key, criteria['dimension'] ?? []]).toEqual([key, []]);
      } else {
        expect([key, criteria['dimension']]).toEqual([key, columns.map((name) => ({ name, operator: 'Include', values: ['*'] }))]);
        // The dimensions must be columns of every row the query returns: the summarize groups by them.
        expect(String(criteria['query'])).toMatch(new RegExp(`summarize [^\\n]* by ${columns.join(', ')}\\n`));
      }
    }
  });

  it.each(SHIPPED_ENVIRONMENTS)('%s: every log alert window outlasts ingestion delay: >= 10 minutes and >= twice the frequency', (env) => {
    const late = logRules(insights(env))
      .map((rule) => ({ name: rule['name'], window: minutesOf(rule['window_duration']), every: minutesOf(rule['evaluation_frequency']) }))
      .filter((r) => r.window < 10 || r.window < 2 * r.every);
    expect(late).toEqual([]);
  });

  it('judges backend 5xx per Azure OpenAI account, by the host the gateway called, not the pool id', () => {
    const query = String(criteriaOf(ruleNamed(insights('prod'), 'alrt-aoaigw-prod-backend-errors'))['query']);
    expect(query).toContain('BackendHost = tostring(parse_url(BackendUrl).Host)');
    // BackendId may appear in the comment that says why; no line of the query itself reads it.
    expect(codeLines(query).filter((line) => line.includes('BackendId'))).toEqual([]);
  });

  it('alerts on caller 5xx by cause, so a backend timeout (504) or unreachable backend (502) without a backend code counts', () => {
    const query = String(criteriaOf(ruleNamed(insights('prod'), 'alrt-aoaigw-prod-caller-5xx'))['query']);
    expect(query).toContain('| where ResponseCode between (500 .. 599)');
    expect(query).toContain('Cause = iff(isempty(LastErrorReason), strcat("HTTP ", tostring(ResponseCode)), LastErrorReason)');
    // Nothing filters on the backend's own status: the 502/504 the policy raises have none.
    expect(codeLines(query).filter((line) => line.includes('BackendResponseCode'))).toEqual([]);
    expect(query).toMatch(/FailedPercent > 5\b/);
  });

  it('tells backend capacity (backend 429 turned into 503) apart from tier throttling (429 from the token limit)', () => {
    const capacity = String(criteriaOf(ruleNamed(insights('prod'), 'alrt-aoaigw-prod-backend-capacity'))['query']);
    expect(capacity).toContain('countif(ResponseCode == 503 and BackendResponseCode == 429) by ApiId');
    const throttling = String(criteriaOf(ruleNamed(insights('prod'), 'alrt-aoaigw-prod-gateway-throttling'))['query']);
    expect(throttling).toContain('countif(ResponseCode == 429)');
    expect(codeLines(throttling).filter((line) => line.includes('503'))).toEqual([]);
  });

  it('finds the LLM log summary row by its token counts, not by SequenceNumber 0 alone', () => {
    for (const rule of logRules(insights('prod'))) {
      const query = String(criteriaOf(rule)['query']);
      expect([rule['name'], codeLines(query).filter((line) => line.includes('SequenceNumber'))]).toEqual([rule['name'], []]);
    }
  });

  it('leaves answers the gateway raised itself (401, 403, 429) out of the latency percentile', () => {
    const query = String(criteriaOf(ruleNamed(insights('prod'), 'alrt-aoaigw-prod-latency-p95'))['query']);
    const exclusion = query.indexOf('| where ResponseCode !in (401, 403, 429)');
    expect(exclusion).toBeGreaterThan(-1);
    expect(exclusion).toBeLessThan(query.indexOf('percentile(TotalTime, 95)'));
  });

  it('renders thresholds and windows into the queries', () => {
    const rule = ruleNamed(insights('prod'), 'alrt-aoaigw-prod-gateway-throttling');
    const { threshold, windowMinutes } = resolveAlertRules(shippedConfig('prod').alerts)['gateway-throttling'];
    expect(String(criteriaOf(rule)['query'])).toContain(`ago(${kqlTimespan({ minutes: windowMinutes })})`);
    expect(String(criteriaOf(rule)['query'])).toMatch(new RegExp(`ThrottledPercent > ${threshold}\\b`));
  });

  it('watches a monthly quota as the token limit counts it: the latest remaining value per subscription, whole quota', () => {
    const rule = ruleNamed(insights('prod'), 'alrt-aoaigw-prod-token-quota-standard');
    const quota = shippedConfig('prod').access.tiers.find((t) => t.name === 'standard')!.tokenQuota!;
    const query = String(criteriaOf(rule)['query']);
    expect(query).toContain(`QuotaTokens = ${quota.tokens}`);
    expect(query).toContain('ProductId == "standard"');
    expect(query).toContain(`ResponseHeaders["${TOKEN_LIMIT_HEADERS.remainingQuotaTokens}"]`);
    expect(query).toContain('summarize arg_max(TimeGenerated, RemainingQuotaTokens) by ApimSubscriptionId');
    // Nothing longer than the rule's own window is read: the policy keeps the count for the whole period.
    expect(rule['query_time_range_override']).toBeUndefined();
    expect((criteriaOf(rule)['dimension'] as Attributes[]).map((d) => d['name'])).toEqual(['ApimSubscriptionId']);
  });

  it('alerts per subscription on requests the quota refused, told apart from missing-role 403s by the raising policy', () => {
    const rule = ruleNamed(insights('prod'), 'alrt-aoaigw-prod-quota-refusals');
    const query = String(criteriaOf(rule)['query']);
    expect(query).toContain(`ResponseCode == 403 and LastErrorSource == "${TOKEN_LIMIT_POLICY}"`);
    expect((criteriaOf(rule)['dimension'] as Attributes[]).map((d) => d['name'])).toEqual(['ApimSubscriptionId']);
    // The policy named is the one the tier policy uses, and the one the API policy tells the quota 403 by.
    expect(readFileSync(projectPath('policies', 'apim', 'product-tier.xml'), 'utf8')).toContain(`<${TOKEN_LIMIT_POLICY} `);
    expect(readFileSync(projectPath('policies', 'apim', 'openai-api.xml'), 'utf8')).toContain(
      `context.LastError.Source == &quot;${TOKEN_LIMIT_POLICY}&quot;`,
    );
  });

  it('reads the firewall baseline through a query time range longer than the window', () => {
    expect(ruleNamed(insights('prod'), 'alrt-aoaigw-prod-waf-blocks-spike')['query_time_range_override']).toBe('P2D');
    expect(ruleNamed(insights('prod'), 'alrt-aoaigw-prod-latency-p95')['query_time_range_override']).toBeUndefined();
  });

  it('applies an environment override to the rule and its query', () => {
    const prod = shippedConfig('prod');
    const config: EnvironmentConfig = {
      ...prod,
      alerts: {
        ...prod.alerts,
        rules: { 'latency-p95': { threshold: 12_000, severity: 1, windowMinutes: 60 }, 'waf-blocks-spike': { enabled: false } },
      },
    };
    const stack = stackOf(synthesizeConfigs([config]), 'prod-insights');
    const latency = ruleNamed(stack, 'alrt-aoaigw-prod-latency-p95');
    expect(latency).toMatchObject({
      severity: 1,
      window_duration: 'PT1H',
      evaluation_frequency: isoDuration(ALERT_DEFAULTS['latency-p95'].rule.frequencyMinutes),
    });
    expect(String(criteriaOf(latency)['query'])).toMatch(/P95TotalTime > 12000\b/);
    expect(String(criteriaOf(latency)['query'])).toContain(`ago(${kqlTimespan({ minutes: 60 })})`);
    expect(ruleNamed(stack, 'alrt-aoaigw-prod-waf-blocks-spike')['enabled']).toBe(false);
  });
});

describe('metric alerts', () => {
  it.each(SHIPPED_ENVIRONMENTS)('%s: unhealthy Application Gateway backends, per backend pool, on the edge stack gateway', (env) => {
    const config = shippedConfig(env);
    const rule = onlyResource(insights(env), 'azurerm_monitor_metric_alert');
    const settings = resolveAlertRules(config.alerts)['appgw-unhealthy-backend'];
    expect(rule).toMatchObject({
      name: naming(config).alertRule('appgw-unhealthy-backend'),
      severity: settings.severity,
      frequency: isoDuration(settings.frequencyMinutes),
      window_size: isoDuration(settings.windowMinutes),
      auto_mitigate: true,
      action: [{ action_group_id: actionGroupRef(insights(env)) }],
      criteria: [
        {
          metric_namespace: 'Microsoft.Network/applicationGateways',
          metric_name: 'UnhealthyHostCount',
          aggregation: 'Average',
          operator: 'GreaterThanOrEqual',
          threshold: settings.threshold,
          dimension: [{ name: 'BackendSettingsPool', operator: 'Include', values: ['*'] }],
        },
      ],
    });
    expect(rule['scopes']).toEqual([
      expect.stringMatching(
        new RegExp(`^\\$\\{data\\.terraform_remote_state\\.[^.]+-${env}-edge\\.outputs\\.cross-stack-output-azurerm_application_gateway`),
      ),
    ]);
  });
});

describe('alert plan', () => {
  const prod = shippedConfig('prod');
  const plan = (tiers = prod.access.tiers) =>
    logAlertSpecs({ rules: resolveAlertRules(prod.alerts), tiers, llmApiIds: ['azure-openai'], modelOperationIds: MODEL_OPERATION_IDS });

  it('writes durations in the largest exact unit', () => {
    expect([5, 90, 120, 1440, 2880].map(isoDuration)).toEqual(['PT5M', 'PT90M', 'PT2H', 'P1D', 'P2D']);
    expect(() => isoDuration(0)).toThrow(/whole number of minutes > 0, got 0/);
  });

  it('widens the query time range only when the query reads further back than the window', () => {
    expect(queryTimeRange(15, 15)).toBeUndefined();
    expect(queryTimeRange(1455, 15)).toBe('P2D');
    expect(queryTimeRange(60, 15)).toBe('PT1H');
    expect(() => queryTimeRange(3000, 15)).toThrow(/at most 2880 minutes/);
  });

  it('compares a daily quota exactly, reading no further back than the rule window', () => {
    const tier = {
      ...prod.access.tiers[0]!,
      name: 'daily',
      displayName: 'Daily',
      tokenQuota: { tokens: 2_000_000, period: 'Daily' as const },
    };
    const spec = plan([tier]).find((s) => s.key === 'token-quota-daily')!;
    expect(spec.query).toContain('QuotaTokens = 2000000');
    expect(spec.queryTimeRange).toBeUndefined();
    expect(spec.displayName).toBe(`${alertQuery('token-quota').title}: Daily`);
  });

  it('has no quota rule for tiers without a quota', () => {
    const tiers = prod.access.tiers.map((t) => ({ ...t, tokenQuota: undefined }));
    expect(plan(tiers).filter((s) => s.alert === 'token-quota')).toEqual([]);
  });

  it('the ingestion canary counts only calls that reach a model: not deployment reads, not answers of the gateway itself', () => {
    const spec = plan().find((s) => s.key === 'llm-log-ingestion')!;
    expect(spec.query).toContain('ApiId in (dynamic(["azure-openai"]))');
    expect(MODEL_OPERATION_IDS).toEqual(['chat-completions-create', 'completions-create', 'embeddings-create']);
    expect(spec.query).toContain(`OperationId in (dynamic([${MODEL_OPERATION_IDS.map((id) => JSON.stringify(id)).join(', ')}]))`);
    expect(spec.query).toContain('ResponseCode between (200 .. 299)');
    // Every operation of the API is either a model call or not, and the deployment reads are not.
    expect(OPENAI_API_OPERATIONS.filter((o) => !o.callsModel).map((o) => o.operationId)).toEqual(['deployments-list', 'deployments-get']);
  });

  it('refuses two rules with the same key', () => {
    const specs = plan();
    const props = {
      logAlerts: [specs[0]!, specs[0]!],
      metricAlerts: [],
      ruleName: (key: string) => key,
      resourceGroupName: 'rg',
      location: 'swedencentral',
      workspaceId: '/w',
      metricTargets: { applicationGateway: '/agw' },
      actionGroupId: '/ag',
    };
    expect(() => new GatewayAlerts(Testing.app(), 'alerts', props)).toThrow(/alert keys must be unique, found twice: gateway-throttling/);
  });
});
