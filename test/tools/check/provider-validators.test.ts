import { PROVIDER_VALIDATORS } from '../../../lib/azure/provider-validators';
import { blockProblems, validatorReport } from '../../../tools/check/provider-validators';
import { SHIPPED_ENVIRONMENTS, synthShipped } from '../../helpers/synth';

const synth = synthShipped();
const stacks = Object.entries(synth.stacks).map(([name, json]) => ({ name, json: json as Record<string, unknown> }));
const report = validatorReport(stacks);

const problemsOf = (type: string, values: Record<string, unknown>, requireEntries = true) =>
  blockProblems({ mode: 'managed', type, values }, requireEntries).problems;

describe(`provider validators over ${SHIPPED_ENVIRONMENTS.length} environments (${report.checked} values checked)`, () => {
  it('every literal the stacks set passes the validator azurerm or azuread applies at plan', () => {
    expect(report.problems).toEqual([]);
    // Thousands of literals are set; a walk that found few has stopped looking.
    expect(report.checked).toBeGreaterThan(1000);
  });

  it('holds an entry for exactly the azurerm and azuread types the stacks use', () => {
    const used = new Set<string>();
    for (const stack of Object.values(synth.stacks)) {
      for (const [kind, byType] of [
        ['resource', stack.resource],
        ['data', stack.data],
      ] as const) {
        for (const type of Object.keys(byType ?? {})) {
          if (type.startsWith('azurerm_') || type.startsWith('azuread_')) {
            used.add(`${kind} ${type}`);
          }
        }
      }
    }
    const transcribed = PROVIDER_VALIDATORS.flatMap((table) => [
      ...Object.keys(table.resources).map((type) => `resource ${type}`),
      ...Object.keys(table.dataSources).map((type) => `data ${type}`),
    ]);
    expect(transcribed.sort()).toEqual([...used].sort());
  });

  it('cites a source file and line at the pinned tag for every entry', () => {
    const uncited = PROVIDER_VALIDATORS.flatMap((table) =>
      Object.entries({ ...table.resources, ...table.dataSources }).flatMap(([type, entry]) => [
        ...(/^internal\/services\/[a-z]+\/[a-z0-9_]+\.go$/.test(entry.file) ? [] : [`${type}: ${entry.file}`]),
        ...Object.entries(entry.attributes)
          .filter(
            ([, attribute]) => !(attribute.line > 0 && /^(internal|helpers|vendor)\/[\w./-]+\.go$/.test(attribute.file ?? entry.file)),
          )
          .map(([path]) => `${type}.${path}`),
      ]),
    );
    expect(uncited).toEqual([]);
    expect(PROVIDER_VALIDATORS.map((table) => `${table.provider}@${table.tag}`)).toEqual(['azurerm@v4.55.0', 'azuread@v3.7.0']);
  });
});

describe('what the provider validators catch', () => {
  it('a table retention of 2557 days in the synthesized production monitoring stack', () => {
    const monitoring = structuredClone(synth.stacks['prod-monitoring']!);
    const tables = monitoring.resource!.azurerm_log_analytics_workspace_table!;
    const [name, table] = Object.entries(tables).find(([, t]) => t.total_retention_in_days === 2556)!;
    table.total_retention_in_days = 2557;
    expect(validatorReport([{ name: 'prod-monitoring', json: monitoring as Record<string, unknown> }]).problems).toEqual([
      `prod-monitoring: azurerm_log_analytics_workspace_table.${name}: total_retention_in_days: expected an integer from 4 to 730, ` +
        'or one of 1095, 1460, 1826, 2191, 2556, 2922, 3288, 3653, 4018, 4383, found 2557 ' +
        '(https://github.com/hashicorp/terraform-provider-azurerm/blob/v4.55.0/internal/services/loganalytics/log_analytics_workspace_table_resource.go#L82)',
    ]);
  });

  it.each([
    [
      'an enumeration',
      'azurerm_application_gateway',
      { sku: { tier: 'WAF_v3' } },
      /^sku\.tier: expected one of "Basic", .*"WAF_v2", found "WAF_v3"/,
    ],
    [
      'a range',
      'azurerm_application_gateway',
      { autoscale_configuration: { max_capacity: 126 } },
      /expected an integer from 2 to 125, found 126/,
    ],
    ['a whole number', 'azurerm_application_gateway', { autoscale_configuration: { max_capacity: 2.5 } }, /found 2\.5/],
    ['a name pattern', 'azurerm_key_vault', { name: 'kv_contoso!' }, /^name: expected 3-24 letters, digits, dashes, found "kv_contoso!"/],
    ['a UUID', 'azuread_application_pre_authorized', { authorized_client_id: 'azure-cli' }, /expected a UUID, found "azure-cli"/],
    ['a non-empty string', 'azurerm_cognitive_deployment', { model: { name: '' } }, /^model\.name: expected a non-empty string/],
    [
      'a function of the provider (tag count)',
      'azurerm_resource_group',
      { tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])) },
      /^tags: expected at most 50 tags.*\(51 tags, at most 50\)/,
    ],
    [
      'a list element',
      'azurerm_api_management_api',
      { protocols: ['https', 'ftp'] },
      /^protocols: expected one of "http", "https", "ws", "wss", found "ftp"/,
    ],
    ['a block count', 'azurerm_api_management', { security: [{}, {}] }, /^security: expected 0 to 1 items, found 2/],
    [
      'a literal the tables do not hold',
      'azurerm_key_vault',
      { sku_family: 'A' },
      /^sku_family: no validator transcribed for this attribute/,
    ],
    [
      'a type the tables do not hold',
      'azurerm_linux_virtual_machine',
      { name: 'vm' },
      /^no validators transcribed for azurerm_linux_virtual_machine/,
    ],
  ])('%s', (_what, type, values, expected) => {
    const problems = problemsOf(type, values);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(expected);
  });

  it('relations between attributes: exactly one of, conflicts with', () => {
    expect(
      problemsOf(
        'azurerm_network_security_rule',
        {
          source_address_prefix: '10.0.0.0/24',
          source_address_prefixes: ['10.0.1.0/24'],
          destination_address_prefix: 'VirtualNetwork',
          destination_port_range: '443',
          destination_port_ranges: ['80'],
        },
        false,
      ),
    ).toEqual([
      expect.stringMatching(
        /^destination_port_range, destination_port_ranges: conflictsWith holds not \(destination_port_range, destination_port_ranges set\)/,
      ),
      expect.stringMatching(
        /^source_address_prefix, source_address_prefixes, source_application_security_group_ids: exactlyOneOf holds not/,
      ),
    ]);
  });

  it('leaves values Terraform knows only at apply time to Terraform, and does not count them', () => {
    const result = blockProblems({
      mode: 'managed',
      type: 'azurerm_application_gateway',
      values: { name: '${var.name}', zones: ['${var.zone}'] },
    });
    expect(result).toEqual({ checked: 0, problems: [] });
  });
});
