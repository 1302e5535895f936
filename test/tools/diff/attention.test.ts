import { scopeLevel } from '../../../tools/diff/attention';
import { compareOutputs, type DiffReport } from '../../../tools/diff/compare';
import { renderJson, renderMarkdown, renderText } from '../../../tools/diff/render';
import { stack } from './fixtures';

const LABELS = { base: 'origin/main', head: 'working tree' };

type Resources = Parameters<typeof stack>[1];

function diff(before: Resources, after: Resources): DiffReport {
  return compareOutputs([stack('prod-x', before)], [stack('prod-x', after)], LABELS);
}

function reasons(report: DiffReport, category: string): string[] {
  return report.attention.filter((i) => i.category === category).map((i) => `${i.address}: ${i.reason}`);
}

const account = (values: Record<string, unknown>) => ({
  name: 'oai-prod-swc',
  location: 'swedencentral',
  resource_group_name: 'rg-prod-openai',
  kind: 'OpenAI',
  custom_subdomain_name: 'oai-prod-swc',
  public_network_access_enabled: false,
  lifecycle: { prevent_destroy: true },
  ...values,
});

describe('attention: replacement', () => {
  test('a new custom subdomain on an OpenAI account replaces a prevent_destroy resource, and says both', () => {
    const report = diff(
      { azurerm_cognitive_account: { oai: account({}) } },
      { azurerm_cognitive_account: { oai: account({ custom_subdomain_name: 'oai-prod-swc2' }) } },
    );
    expect(reasons(report, 'replaced')).toEqual(['azurerm_cognitive_account.oai: changing custom_subdomain_name forces a new resource']);
    expect(reasons(report, 'protected')).toEqual([
      'azurerm_cognitive_account.oai: lifecycle.prevent_destroy: replaced; Terraform refuses the plan until prevent_destroy is lifted',
    ]);
    expect(report.summary).toMatchObject({ added: 0, removed: 0, changed: 1 });
  });

  test('a location change replaces every resource that carries it', () => {
    const rg = (location: string) => ({ name: 'rg-prod', location });
    const ip = (location: string) => ({ name: 'pip-prod', location, sku: 'Standard' });
    const report = diff(
      { azurerm_resource_group: { rg: rg('swedencentral') }, azurerm_public_ip: { ip: ip('swedencentral') } },
      { azurerm_resource_group: { rg: rg('westeurope') }, azurerm_public_ip: { ip: ip('westeurope') } },
    );
    expect(reasons(report, 'replaced')).toEqual([
      'azurerm_public_ip.ip: changing location forces a new resource',
      'azurerm_resource_group.rg: changing location forces a new resource',
    ]);
  });

  test('changes the provider applies in place are not called replacements', () => {
    const report = diff(
      {
        azurerm_key_vault: { kv: { name: 'kv', tenant_id: '00000000-0000-0000-0000-000000000001' } },
        azurerm_storage_account: { st: { name: 'st', account_kind: 'Storage', account_replication_type: 'LRS' } },
        azurerm_cognitive_account: { oai: account({ custom_subdomain_name: null }) },
      },
      {
        azurerm_key_vault: { kv: { name: 'kv', tenant_id: '00000000-0000-0000-0000-000000000002' } },
        azurerm_storage_account: { st: { name: 'st', account_kind: 'StorageV2', account_replication_type: 'ZRS' } },
        azurerm_cognitive_account: { oai: account({ custom_subdomain_name: 'first-subdomain' }) },
      },
    );
    expect(reasons(report, 'replaced')).toEqual([]);
  });

  test('a conditional ForceNew fires on the transition the provider names', () => {
    const report = diff(
      {
        azurerm_storage_account: { st: { name: 'st', account_kind: 'StorageV2' } },
        azurerm_cognitive_deployment: { d: { model: [{ name: 'gpt-4o', version: '1' }] } },
      },
      {
        azurerm_storage_account: { st: { name: 'st', account_kind: 'BlockBlobStorage' } },
        azurerm_cognitive_deployment: { d: { model: [{ name: 'gpt-4.1', version: '1' }] } },
      },
    );
    expect(reasons(report, 'replaced')).toEqual([
      'azurerm_cognitive_deployment.d: changing model.name forces a new resource',
      'azurerm_storage_account.st: changing account_kind forces a new resource',
    ]);
  });
});

describe('attention: destroy', () => {
  test('removing a prevent_destroy key vault is a destroy and a protected resource touched', () => {
    const kv = { name: 'kv-prod', lifecycle: { prevent_destroy: true } };
    const report = diff(
      { azurerm_key_vault: { kv }, azurerm_resource_group: { rg: { name: 'rg' } } },
      { azurerm_resource_group: { rg: { name: 'rg' } } },
    );
    expect(reasons(report, 'destroyed')).toEqual(['azurerm_key_vault.kv: removed from the configuration']);
    expect(reasons(report, 'protected')).toEqual([
      'azurerm_key_vault.kv: lifecycle.prevent_destroy: destroyed; Terraform refuses the plan until prevent_destroy is lifted',
    ]);
    expect(report.attention[0]).toMatchObject({ category: 'destroyed', stack: 'prod-x', constructPath: 'prod-x/kv' });
  });

  test('identities and DNS records count as protected even without prevent_destroy', () => {
    const report = diff(
      { azurerm_user_assigned_identity: { id: { name: 'id-apim' } }, azurerm_private_dns_a_record: { a: { name: 'oai', zone_name: 'z' } } },
      {},
    );
    expect(reasons(report, 'protected')).toEqual([
      'azurerm_private_dns_a_record.a: DNS: destroyed',
      'azurerm_user_assigned_identity.id: identity: destroyed',
    ]);
  });
});

describe('attention: access widened', () => {
  const rule = (name: string, values: Record<string, unknown>) => ({
    name,
    priority: 100,
    direction: 'Inbound',
    access: 'Allow',
    protocol: 'Tcp',
    source_address_prefix: 'GatewayManager',
    destination_address_prefix: '*',
    destination_port_range: '65200-65535',
    ...values,
  });

  test('an inline NSG rule opened to the internet on more ports is flagged with both changes', () => {
    const report = diff(
      {
        azurerm_network_security_group: {
          nsg: { name: 'nsg', security_rule: [rule('https', { source_address_prefix: 'VirtualNetwork', destination_port_range: '443' })] },
        },
      },
      {
        azurerm_network_security_group: {
          nsg: { name: 'nsg', security_rule: [rule('https', { source_address_prefix: '*', destination_port_range: '1-1024' })] },
        },
      },
    );
    expect(reasons(report, 'access-widened')).toEqual([
      'azurerm_network_security_group.nsg: rule "https" widened (sources VirtualNetwork -> *; ports 443 -> 1-1024): Inbound Allow from * (anyone) to * port 1-1024',
    ]);
  });

  test('a narrower rule or a new Deny rule widens nothing; a new standalone Allow rule does', () => {
    const report = diff(
      {
        azurerm_network_security_group: {
          nsg: { name: 'nsg', security_rule: [rule('gm', { destination_port_ranges: ['443', '8080-8090'] })] },
        },
      },
      {
        azurerm_network_security_group: {
          nsg: {
            name: 'nsg',
            security_rule: [rule('gm', { destination_port_ranges: ['443'] }), rule('deny', { access: 'Deny', source_address_prefix: '*' })],
          },
        },
        azurerm_network_security_rule: { ssh: rule('ssh', { source_address_prefix: 'Internet', destination_port_range: '22' }) },
      },
    );
    expect(reasons(report, 'access-widened')).toEqual([
      'azurerm_network_security_rule.ssh: rule added: Inbound Allow from Internet (anyone) to * port 22',
    ]);
  });

  test('a new role assignment at subscription scope is flagged as such', () => {
    const report = diff(
      {},
      {
        azurerm_role_assignment: {
          sub: { scope: '/subscriptions/00000000-0000-0000-0000-000000000000', role_definition_name: 'Contributor', principal_id: 'p' },
          rg: { scope: '${azurerm_resource_group.rg.id}', role_definition_name: 'Reader', principal_id: 'p' },
        },
      },
    );
    expect(reasons(report, 'access-widened')).toEqual([
      'azurerm_role_assignment.rg: role assignment added: Reader at resource group scope ${azurerm_resource_group.rg.id}',
      'azurerm_role_assignment.sub: role assignment added: Contributor at subscription scope /subscriptions/00000000-0000-0000-0000-000000000000 — SUBSCRIPTION SCOPE',
    ]);
  });

  test('scope levels come from the id or the reference that produces it', () => {
    expect(scopeLevel('/providers/Microsoft.Management/managementGroups/platform')).toBe('management group');
    expect(scopeLevel('/subscriptions/abc')).toBe('subscription');
    expect(scopeLevel('/subscriptions/${data.azurerm_client_config.current.subscription_id}')).toBe('subscription');
    expect(scopeLevel('/subscriptions/${data.azurerm_client_config.current.subscription_id}/resourceGroups/rg')).toBe('resource group');
    expect(scopeLevel('${data.azurerm_subscription.current.id}')).toBe('subscription');
    expect(scopeLevel('/subscriptions/abc/resourceGroups/rg')).toBe('resource group');
    expect(scopeLevel('${azurerm_key_vault.kv.id}')).toBe('resource');
  });

  test('public network access turned on is flagged; staying off is not', () => {
    const report = diff(
      { azurerm_cognitive_account: { a: account({}), b: account({ name: 'b' }) } },
      { azurerm_cognitive_account: { a: account({ public_network_access_enabled: true }), b: account({ name: 'b', tags: { x: 'y' } }) } },
    );
    expect(reasons(report, 'access-widened')).toEqual(['azurerm_cognitive_account.a: public_network_access_enabled = true (was false)']);
  });
});

describe('attention in every format', () => {
  const report = diff(
    { azurerm_key_vault: { kv: { name: 'kv-a', lifecycle: { prevent_destroy: true } } } },
    { azurerm_key_vault: { kv: { name: 'kv-b', lifecycle: { prevent_destroy: true } } } },
  );

  test('text opens with the block, every category counted', () => {
    const text = renderText(report);
    const lines = text.split('\n');
    expect(lines.slice(1, 3)).toEqual(['ATTENTION: 2 item(s)', '  Resources replaced (destroyed, then created again): 1']);
    expect(text).toContain('  Resources destroyed: none\n');
    expect(text).toContain('  Access widened (network rules, role assignments, public access): none\n');
    expect(text.indexOf('ATTENTION')).toBeLessThan(text.indexOf('Stack prod-x'));
  });

  test('markdown puts the block before the per-stack sections', () => {
    const markdown = renderMarkdown(report);
    expect(markdown).toContain('**⚠️ Attention: 2 item(s)**');
    expect(markdown).toContain(
      '| replaced | prod-x | <code>azurerm_key_vault.kv</code><br>prod-x/kv | changing name forces a new resource |',
    );
    expect(markdown.indexOf('Attention')).toBeLessThan(markdown.indexOf('#### prod-x'));
  });

  test('json has the block as its first key', () => {
    const json = JSON.parse(renderJson(report)) as Record<string, unknown>;
    expect(Object.keys(json)[0]).toBe('attention');
    expect(json['attention']).toEqual([
      {
        category: 'replaced',
        stack: 'prod-x',
        address: 'azurerm_key_vault.kv',
        constructPath: 'prod-x/kv',
        reason: 'changing name forces a new resource',
      },
      {
        category: 'protected',
        stack: 'prod-x',
        address: 'azurerm_key_vault.kv',
        constructPath: 'prod-x/kv',
        reason: 'lifecycle.prevent_destroy: replaced; Terraform refuses the plan until prevent_destroy is lifted',
      },
    ]);
  });

  test('a long attention list keeps the markdown comment under its limit', () => {
    const many = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`r${i}`, { name: `rg-${i}`, location: 'a' }]));
    const moved = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`r${i}`, { name: `rg-${i}`, location: 'b' }]));
    const markdown = renderMarkdown(diff({ azurerm_resource_group: many }, { azurerm_resource_group: moved }), { maxLength: 6000 });
    expect(markdown.length).toBeLessThanOrEqual(6000);
    expect(markdown).toMatch(/_\d+ more attention item\(s\) in the full report/);
  });
});
