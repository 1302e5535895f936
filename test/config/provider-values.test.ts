import { WAF_RULE_SETS } from '../../lib/azure/application-gateway';
import { DEPLOYMENT_SKUS, VERSION_UPGRADE_OPTIONS } from '../../lib/azure/openai';
import { accepts, attributeValidator, type Check } from '../../lib/azure/provider-validators';
import { changed, type Loose } from '../helpers/config';
import { allResources, problemsOf, rawEnvironment, SHIPPED_ENVIRONMENTS, synthShipped } from '../helpers/synth';

/**
 * Configuration fields that reach a provider attribute with a validator: the schema must refuse at the edge, in one
 * line, every value the provider would refuse at plan (it may refuse more, where the project is stricter).
 */
const FEEDS: readonly { readonly field: readonly string[]; readonly type: string; readonly attribute: string }[] = [
  { field: ['logging', 'retentionDays'], type: 'azurerm_log_analytics_workspace', attribute: 'retention_in_days' },
  { field: ['logging', 'gatewayTables', 'retentionDays'], type: 'azurerm_log_analytics_workspace_table', attribute: 'retention_in_days' },
  {
    field: ['logging', 'gatewayTables', 'totalRetentionDays'],
    type: 'azurerm_log_analytics_workspace_table',
    attribute: 'total_retention_in_days',
  },
  {
    field: ['applicationGateway', 'autoscale', 'minCapacity'],
    type: 'azurerm_application_gateway',
    attribute: 'autoscale_configuration.min_capacity',
  },
  {
    field: ['applicationGateway', 'autoscale', 'maxCapacity'],
    type: 'azurerm_application_gateway',
    attribute: 'autoscale_configuration.max_capacity',
  },
  {
    field: ['applicationGateway', 'requestTimeoutSeconds'],
    type: 'azurerm_application_gateway',
    attribute: 'backend_http_settings.request_timeout',
  },
  {
    field: ['applicationGateway', 'waf', 'maxRequestBodySizeKb'],
    type: 'azurerm_web_application_firewall_policy',
    attribute: 'policy_settings.max_request_body_size_in_kb',
  },
  {
    field: ['applicationGateway', 'waf', 'fileUploadLimitMb'],
    type: 'azurerm_web_application_firewall_policy',
    attribute: 'policy_settings.file_upload_limit_in_mb',
  },

  { field: ['alerts', 'rules', 'latency-p95', 'severity'], type: 'azurerm_monitor_scheduled_query_rules_alert_v2', attribute: 'severity' },
];

/** Values at and around every bound and listed value of a check. */
function probes(check: Check): number[] {
  switch (check.kind) {
    case 'between':
      return [check.min, check.max]
        .filter((bound): bound is number => bound !== undefined)
        .flatMap((bound) => [bound - 1, bound, bound + 1, bound + 0.5]);
    case 'oneOf':
      return check.values.filter((value): value is number => typeof value === 'number').flatMap((value) => [value - 1, value, value + 1]);
    case 'any':
    case 'all':
      return check.of.flatMap(probes);
    default:
      return [];
  }
}

function withField(field: readonly string[], value: number): Loose {
  return changed((raw) => {
    let node: Loose = raw;
    for (const key of field.slice(0, -1)) {
      node[key] ??= {};
      node = node[key] as Loose;
    }
    node[field.at(-1)!] = value;
  }, 'prod') as Loose;
}

/** The literal values of an attribute (dotted, through nested blocks) across the shipped stacks. */
function synthesizedValues(type: string, attribute: string): unknown[] {
  const walk = (value: unknown, path: readonly string[]): unknown[] => {
    if (path.length === 0) {
      return [value];
    }
    const items = Array.isArray(value) ? value : [value];
    return items.flatMap((item) =>
      item && typeof item === 'object' ? walk((item as Record<string, unknown>)[path[0]!], path.slice(1)) : [],
    );
  };
  return allResources(synthShipped())
    .filter((resource) => resource.type === type)
    .flatMap((resource) => walk(resource.attributes, attribute.split('.')))
    .filter((value) => value !== undefined);
}

describe.each(FEEDS.map((feed) => [feed.field.join('.'), feed] as const))('%s', (name, feed) => {
  const { check } = attributeValidator(feed.type, feed.attribute);
  const refused = [...new Set(probes(check))].filter((value) => !accepts(check, value));

  it(`refuses in one line every probed value ${feed.type}.${feed.attribute} refuses`, () => {
    expect(refused.length).toBeGreaterThan(0);
    const accepted = refused.filter(
      (value) => !problemsOf(withField(feed.field, value)).some((line) => line.startsWith(`test.json: ${name}: `)),
    );
    expect(accepted).toEqual([]);
  });

  it('feeds that attribute: the shipped values are among its synthesized literals', () => {
    const shipped = SHIPPED_ENVIRONMENTS.map((environment) =>
      feed.field.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], rawEnvironment(environment)),
    ).filter((value) => value !== undefined);
    const synthesized = synthesizedValues(feed.type, feed.attribute);
    expect(synthesized.length).toBeGreaterThan(0);
    expect(shipped.filter((value) => !synthesized.includes(value))).toEqual([]);
  });
});

describe('enumerations the schema offers are values the provider accepts', () => {
  it.each([
    ['deployment SKUs', DEPLOYMENT_SKUS, 'azurerm_cognitive_deployment', 'sku.name'],
    ['version upgrade options', VERSION_UPGRADE_OPTIONS, 'azurerm_cognitive_deployment', 'version_upgrade_option'],
    [
      'WAF rule set types',
      WAF_RULE_SETS.map((set) => set.type),
      'azurerm_web_application_firewall_policy',
      'managed_rules.managed_rule_set.type',
    ],
    [
      'WAF rule set versions',
      WAF_RULE_SETS.map((set) => set.version),
      'azurerm_web_application_firewall_policy',
      'managed_rules.managed_rule_set.version',
    ],
  ] as const)('%s', (_what, values, type, attribute) => {
    const { check } = attributeValidator(type, attribute);
    expect(values.filter((value) => !accepts(check, value))).toEqual([]);
  });
});
