import { compareOutputs, type EntryDiff, type StackInput } from '../../../tools/diff/compare';
import { renderJson, renderMarkdown, renderText } from '../../../tools/diff/render';
import { stack } from './fixtures';

const LABELS = { base: 'origin/main', head: 'working tree' };

const xmlBefore = '<policies>\n  <inbound>\n    <base />\n    <rate-limit calls="10" renewal-period="60" />\n  </inbound>\n</policies>\n';
const xmlAfter = '<policies>\n  <inbound>\n    <base />\n    <llm-token-limit tokens-per-minute="5000" />\n  </inbound>\n</policies>\n';

const nsgRule = (name: string, priority: number) => ({
  name,
  priority,
  direction: 'Inbound',
  access: 'Allow',
  destination_port_range: '443',
});

const base: StackInput[] = [
  stack('dev-data', {
    azurerm_key_vault: { kv: { name: 'kv-dev', purge_protection_enabled: false, tags: { 'aoai-gateway:layer': 'data' } } },
    azurerm_storage_account: { old: { name: 'stold' } },
  }),
  stack('dev-gateway', {
    azurerm_api_management_policy: { policy: { xml_content: xmlBefore } },
    azurerm_api_management_named_value: { key: { name: 'backend-key', secret: true, value: 'old-secret-value' } },
    azurerm_network_security_group: { nsg: { security_rule: [nsgRule('https', 100), nsgRule('lb', 110)] } },
    azurerm_application_insights: { appi: { connection_string: 'InstrumentationKey=old-ikey;IngestionEndpoint=x' } },
  }),
  stack('dev-old', { azurerm_resource_group: { rg: { name: 'rg-old' } } }),
  stack('dev-same', { azurerm_resource_group: { rg: { name: 'rg-same' } } }),
];

const head: StackInput[] = [
  stack('dev-same', { azurerm_resource_group: { rg: { name: 'rg-same' } } }),
  stack('dev-data', {
    azurerm_key_vault: { kv: { name: 'kv-dev', purge_protection_enabled: true, tags: { 'aoai-gateway:layer': 'data' } } },
    azurerm_storage_account: { renamed: { name: 'stold' } },
    azurerm_log_analytics_workspace: { law: { name: 'law-dev', retention_in_days: 30 } },
  }),
  stack('dev-gateway', {
    azurerm_api_management_policy: { policy: { xml_content: xmlAfter } },
    azurerm_api_management_named_value: { key: { name: 'backend-key', secret: true, value: 'new-secret-value' } },
    azurerm_network_security_group: { nsg: { security_rule: [nsgRule('lb', 110), nsgRule('https', 120), nsgRule('ssh', 130)] } },
    azurerm_application_insights: { appi: { connection_string: 'InstrumentationKey=new-ikey;IngestionEndpoint=x' } },
  }),
  stack('dev-new', { azurerm_resource_group: { rg: { name: 'rg-new', location: 'swedencentral' } } }),
];

const report = compareOutputs(base, head, LABELS);

function entry(stackName: string, address: string): EntryDiff {
  const found = report.stacks.find((s) => s.name === stackName)?.entries.find((e) => e.address === address);
  if (!found) {
    throw new Error(`no diff entry ${stackName}/${address}`);
  }
  return found;
}

describe('compareOutputs', () => {
  test('summarizes stacks and entries; unchanged stacks are counted, not listed', () => {
    expect(report.stacks.map((s) => `${s.name}:${s.status}`)).toEqual([
      'dev-data:changed',
      'dev-gateway:changed',
      'dev-new:added',
      'dev-old:removed',
    ]);
    expect(report.summary).toEqual({
      stacksAdded: 1,
      stacksRemoved: 1,
      stacksChanged: 2,
      stacksUnchanged: 1,
      added: 4,
      removed: 3,
      changed: 5,
    });
  });

  test('a changed attribute shows its path and old -> new values', () => {
    expect(entry('dev-data', 'azurerm_key_vault.kv')).toEqual({
      kind: 'resource',
      address: 'azurerm_key_vault.kv',
      type: 'azurerm_key_vault',
      status: 'changed',
      constructPath: 'dev-data/kv',
      changes: [{ path: 'purge_protection_enabled', status: 'changed', before: 'false', after: 'true', sensitive: false }],
    });
  });

  test('an added resource lists its attributes; an added stack lists its resources', () => {
    expect(entry('dev-data', 'azurerm_log_analytics_workspace.law').changes.map((c) => `${c.path}=${c.after}`)).toEqual([
      'name="law-dev"',
      'retention_in_days=30',
    ]);
    expect(entry('dev-new', 'azurerm_resource_group.rg').status).toBe('added');
    expect(entry('dev-old', 'terraform').status).toBe('removed');
  });

  test('a resource whose address changed but whose configuration did not is reported as a rename', () => {
    expect(entry('dev-data', 'azurerm_storage_account.renamed').renamedFrom).toBe('azurerm_storage_account.old');
    expect(entry('dev-data', 'azurerm_storage_account.old')).toMatchObject({
      status: 'removed',
      renamedTo: 'azurerm_storage_account.renamed',
    });
  });

  test('named block lists compare by name, not position', () => {
    const changes = entry('dev-gateway', 'azurerm_network_security_group.nsg').changes;
    expect(changes.map((c) => `${c.status} ${c.path} ${c.before ?? ''}->${c.after ?? ''}`)).toEqual([
      'changed security_rule[name="https"].priority 100->120',
      'added security_rule[name="ssh"].name ->"ssh"',
      'added security_rule[name="ssh"].priority ->130',
      'added security_rule[name="ssh"].direction ->"Inbound"',
      'added security_rule[name="ssh"].access ->"Allow"',
      'added security_rule[name="ssh"].destination_port_range ->"443"',
    ]);
  });

  test('policy XML changes come as a unified text diff', () => {
    const [change] = entry('dev-gateway', 'azurerm_api_management_policy.policy').changes;
    expect(change).toMatchObject({
      path: 'xml_content',
      status: 'changed',
      before: '(6 lines of text)',
      after: '(6 lines of text)',
      sensitive: false,
    });
    expect(change!.text).toEqual([
      '@@ -1,6 +1,6 @@',
      ' <policies>',
      '   <inbound>',
      '     <base />',
      '-    <rate-limit calls="10" renewal-period="60" />',
      '+    <llm-token-limit tokens-per-minute="5000" />',
      '   </inbound>',
      ' </policies>',
    ]);
  });

  test('a one-line query is still shown as a text diff', () => {
    const diff = compareOutputs(
      [stack('s', { azurerm_log_analytics_saved_search: { tokens: { query: 'ApiManagementGatewayLlmLog | take 10' } } })],
      [stack('s', { azurerm_log_analytics_saved_search: { tokens: { query: 'ApiManagementGatewayLlmLog | take 100' } } })],
      LABELS,
    );
    expect(diff.stacks[0]!.entries[0]!.changes[0]).toEqual({
      path: 'query',
      status: 'changed',
      before: '(1 line of text)',
      after: '(1 line of text)',
      sensitive: false,
      text: ['@@ -1 +1 @@', '-ApiManagementGatewayLlmLog | take 10', '+ApiManagementGatewayLlmLog | take 100'],
    });
  });

  test('sensitive values are masked: by attribute name and by the provider list', () => {
    expect(entry('dev-gateway', 'azurerm_api_management_named_value.key').changes).toEqual([
      { path: 'value', status: 'changed', before: '(sensitive)', after: '(sensitive)', sensitive: true },
    ]);
    expect(entry('dev-gateway', 'azurerm_application_insights.appi').changes).toEqual([
      { path: 'connection_string', status: 'changed', before: '(sensitive)', after: '(sensitive)', sensitive: true },
    ]);
    for (const rendered of [renderJson(report), renderText(report), renderMarkdown(report)]) {
      expect(rendered).not.toContain('secret-value');
      expect(rendered).not.toContain('ikey');
    }
  });

  test('switches and identifiers with sensitive words in their names, and references, stay visible', () => {
    const diff = compareOutputs(
      [
        stack('s', {
          azurerm_storage_account: {
            st: { shared_access_key_enabled: true, primary_access_key: 'AAAA', customer_managed_key: { key_vault_key_id: 'k1' } },
          },
        }),
      ],
      [
        stack('s', {
          azurerm_storage_account: {
            st: {
              shared_access_key_enabled: false,
              primary_access_key: '${azurerm_key_vault_secret.k.value}',
              customer_managed_key: { key_vault_key_id: 'k2' },
            },
          },
        }),
      ],
      LABELS,
    );
    expect(diff.stacks[0]!.entries[0]!.changes).toEqual([
      { path: 'shared_access_key_enabled', status: 'changed', before: 'true', after: 'false', sensitive: false },
      { path: 'primary_access_key', status: 'changed', before: '(sensitive)', after: '(sensitive)', sensitive: true },
      { path: 'customer_managed_key.key_vault_key_id', status: 'changed', before: '"k1"', after: '"k2"', sensitive: false },
    ]);
  });

  test('sensitive outputs hide literal values but show references', () => {
    const out = (value: string) => [stack('s', {}, { output: { o: { sensitive: true, value } } })];
    const literal = compareOutputs(out('p@ss'), out('w0rd'), LABELS);
    expect(literal.stacks[0]!.entries[0]!.changes[0]).toMatchObject({ path: 'value', before: '(sensitive)', after: '(sensitive)' });
    const reference = compareOutputs(out('${azurerm_key_vault.a.id}'), out('${azurerm_key_vault.b.id}'), LABELS);
    expect(reference.stacks[0]!.entries[0]!.changes[0]).toMatchObject({
      before: '"${azurerm_key_vault.a.id}"',
      after: '"${azurerm_key_vault.b.id}"',
    });
  });

  test('a name change is flagged as replacing the resource', () => {
    const diff = compareOutputs(
      [stack('s', { azurerm_key_vault: { kv: { name: 'kv-a' } } })],
      [stack('s', { azurerm_key_vault: { kv: { name: 'kv-b' } } })],
      LABELS,
    );
    expect(diff.stacks[0]!.entries[0]!.replacedBy).toEqual(['name']);
  });

  test('cdktf metadata changes alone are no difference', () => {
    const a = stack('s', { azurerm_key_vault: { kv: { name: 'kv' } } });
    const b = JSON.parse(JSON.stringify(a)) as StackInput;
    (
      (b.json['resource'] as Record<string, Record<string, Record<string, unknown>>>)['azurerm_key_vault']!['kv']!['//'] as Record<
        string,
        unknown
      >
    )['metadata'] = { path: 's/moved', uniqueId: 'kv' };
    expect(compareOutputs([a], [b], LABELS).stacks).toEqual([]);
  });

  test('is deterministic whatever the order stacks arrive in', () => {
    const again = compareOutputs([...base].reverse(), [...head].reverse(), LABELS);
    expect(renderJson(again)).toBe(renderJson(report));
  });
});

describe('renderers', () => {
  test('text names stacks, marks entries and indents text diffs', () => {
    const text = renderText(report);
    expect(text).toContain('Synth diff: origin/main -> working tree\nATTENTION: ');
    expect(text).toContain('\n\n4 stack(s) differ (1 added, 1 removed, 2 changed, 1 unchanged)');
    expect(text).toContain('Stack dev-data (changed): 2 added, 1 removed, 1 changed');
    expect(text).toContain('  ~ azurerm_key_vault.kv  [dev-data/kv]\n      ~ purge_protection_enabled: false -> true');
    expect(text).toContain('      xml_content: (6 lines of text) -> (6 lines of text)\n        @@ -1,6 +1,6 @@');
    expect(text).toContain('      ! address changed from azurerm_storage_account.old');
  });

  test('markdown carries the comment marker, escapes table cells and fences text diffs', () => {
    const markdown = renderMarkdown(report);
    expect(markdown.startsWith('<!-- aoai-gateway-synth-diff -->\n')).toBe(true);
    expect(markdown).toContain('| <code>purge_protection_enabled</code> | <code>false</code> | <code>true</code> |');
    expect(markdown).toContain('```diff\n@@ -1,6 +1,6 @@');
    expect(markdown).toContain('\n<b>removed</b> <code>azurerm_resource_group.rg</code> — dev-old/rg\n');
    expect(markdown).toContain('<details><summary><b>changed</b> <code>azurerm_key_vault.kv</code> — dev-data/kv</summary>');
    const piped = compareOutputs([stack('s', { t_x: { a: { v: 'a|b' } } })], [stack('s', { t_x: { a: { v: '<c|d>' } } })], LABELS);
    expect(renderMarkdown(piped)).toContain('<code>"a&#124;b"</code>');
    expect(renderMarkdown(piped)).toContain('<code>"&lt;c&#124;d&gt;"</code>');
  });

  test('markdown stays under the size limit and says what it left out', () => {
    const many = Object.fromEntries(
      Array.from({ length: 200 }, (_, i) => [`r${i}`, { name: `resource-${i}`, description: 'x'.repeat(150) }]),
    );
    const big = compareOutputs([], [stack('s', { azurerm_resource_group: many })], LABELS);
    const markdown = renderMarkdown(big, { maxLength: 5000 });
    expect(markdown.length).toBeLessThanOrEqual(5000);
    expect(markdown).toMatch(/_\d+ more change\(s\) not shown: the comment size limit was reached/);
  });

  test('no differences say so in every format', () => {
    const none = compareOutputs(base, base, LABELS);
    expect(renderText(none)).toBe('Synth diff: origin/main -> working tree\nNo differences.\n');
    expect(renderMarkdown(none)).toContain('No differences in the synthesized stacks.');
    expect(JSON.parse(renderJson(none))).toMatchObject({ stacks: [], summary: { stacksUnchanged: 4 } });
  });
});
