import { main } from '../../../tools/plan/main';
import type { PlanJson, ResourceChange } from '../../../tools/plan/model';
import { planDifferences } from '../../../tools/plan/same';
import { planAttention, planSummary } from '../../../tools/plan/summary';

const change = (address: string, actions: ResourceChange['change']['actions'], after: unknown = {}): ResourceChange => ({
  address,
  change: { actions, before: {}, after, after_unknown: {} },
});

const approved: PlanJson = {
  resource_changes: [
    change('azurerm_key_vault.kv', ['no-op']),
    change('azurerm_subnet.apim', ['update'], { address_prefixes: ['10.0.1.0/24'] }),
    change('azurerm_cognitive_account.oai', ['delete', 'create'], { custom_subdomain_name: 'b' }),
    change('azurerm_public_ip.old', ['delete'], null),
    change('azurerm_role_assignment.reader', ['create'], { role_definition_name: 'Reader' }),
  ],
  output_changes: { subnet_id: { actions: ['no-op'], after: 'x' } },
};

describe('plan summary', () => {
  test('counts per layer and lists every replacement and destroy by address', () => {
    const text = planSummary('prod', [
      { stack: 'prod-network', plan: approved },
      { stack: 'prod-edge', plan: { resource_changes: [change('azurerm_web_application_firewall_policy.waf', ['no-op'])] } },
    ]);
    expect(text).toContain('| prod-network | 1 | 1 | 1 | 1 | 0 |\n| prod-edge | 0 | 0 | 0 | 0 | 0 |');
    expect(text).toContain(
      '**2 resource(s) replaced or destroyed:**\n\n- **replace** `prod-network` `azurerm_cognitive_account.oai`\n- **destroy** `prod-network` `azurerm_public_ip.old`',
    );
    expect(planSummary('dev', [{ stack: 'dev-edge', plan: {} }])).toContain('No resource is replaced or destroyed.');
  });
});

describe('plan attention', () => {
  test('what Terraform will do is read with the synth diff rules: replacement, protected destroy, subscription-scope role', () => {
    const plan: PlanJson = {
      resource_changes: [
        {
          address: 'azurerm_cognitive_account.oai',
          mode: 'managed',
          type: 'azurerm_cognitive_account',
          change: { actions: ['delete', 'create'], before: { name: 'a' }, after: { name: 'b' }, replace_paths: [['name']] },
        },
        {
          address: 'azurerm_storage_account.st',
          mode: 'managed',
          type: 'azurerm_storage_account',
          change: { actions: ['delete'], before: { name: 'st' }, after: null },
        },
        {
          address: 'azurerm_role_assignment.ra',
          mode: 'managed',
          type: 'azurerm_role_assignment',
          change: { actions: ['create'], before: null, after: { scope: '/subscriptions/0000', role_definition_name: 'Owner' } },
        },
      ],
    };
    expect(planAttention('prod-openai', plan).map((i) => `${i.category} ${i.address}: ${i.reason}`)).toEqual([
      'replaced azurerm_cognitive_account.oai: changing name forces a new resource',
      'protected azurerm_cognitive_account.oai: data store: replaced',
      'destroyed azurerm_storage_account.st: removed from the configuration',
      'protected azurerm_storage_account.st: data store: destroyed',
      'access-widened azurerm_role_assignment.ra: role assignment added: Owner at subscription scope /subscriptions/0000 — SUBSCRIPTION SCOPE',
    ]);
    const text = planSummary('prod', [{ stack: 'prod-openai', plan }]);
    expect(text).toContain('**Attention: 5 item(s)**');
    expect(text).toContain(
      '- Access widened: `prod-openai` `azurerm_role_assignment.ra`: role assignment added: Owner at subscription scope',
    );
  });
});

describe('approved plan against a fresh plan', () => {
  test('the same effect, with different prior state, is no difference', () => {
    const fresh: PlanJson = {
      resource_changes: approved.resource_changes!.map((rc) => ({ ...rc, change: { ...rc.change, before: { drifted: true } } })),
      output_changes: approved.output_changes!,
    };
    expect(planDifferences(approved, fresh)).toEqual([]);
  });

  test('new values from an earlier layer, a new action or a vanished change are each named', () => {
    const fresh: PlanJson = {
      resource_changes: [
        change('azurerm_subnet.apim', ['update'], { address_prefixes: ['10.0.2.0/24'] }),
        change('azurerm_cognitive_account.oai', ['delete', 'create'], { custom_subdomain_name: 'b' }),
        change('azurerm_public_ip.old', ['delete'], null),
        change('azurerm_key_vault.kv', ['update'], { public_network_access_enabled: true }),
      ],
      output_changes: { subnet_id: { actions: ['update'], after: 'y' } },
    };
    expect(planDifferences(approved, fresh)).toEqual([
      'azurerm_key_vault.kv: approved no change, now update',
      'azurerm_role_assignment.reader: approved create, now no change',
      'azurerm_subnet.apim: update with different values',
      'output.subnet_id: approved no change, now update',
    ]);
  });
});

describe('plan CLI', () => {
  const files: Record<string, string> = {
    'a.json': JSON.stringify(approved),
    'b.json': JSON.stringify(approved),
    'c.json': JSON.stringify({ resource_changes: [] }),
    'bad.json': '{ not json',
  };
  function run(argv: string[]) {
    let stdout = '';
    let stderr = '';
    const code = main(argv, {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      readFile: (p) => {
        const text = files[p];
        if (text === undefined) {
          throw new Error('ENOENT');
        }
        return text;
      },
    });
    return { code, stdout, stderr };
  }

  test('same: exit 0 for the same effect, 1 with the differences, 2 for input that is not a plan', () => {
    expect(run(['same', 'a.json', 'b.json'])).toEqual({ code: 0, stdout: 'the fresh plan has the approved effect\n', stderr: '' });
    const differs = run(['same', 'a.json', 'c.json']);
    expect(differs.code).toBe(1);
    expect(differs.stdout).toMatch(
      /^the plan changed since it was approved \(4 difference\(s\)\):\n {2}azurerm_cognitive_account\.oai: approved replace, now no change\n/,
    );
    expect(run(['same', 'a.json', 'bad.json'])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^error: bad\.json: not JSON/) as unknown as string,
    });
    expect(run(['same', 'a.json', 'missing.json'])).toMatchObject({ code: 2, stderr: 'error: cannot read missing.json\n' });
    expect(run(['nonsense']).code).toBe(2);
  });

  test('summary reads <stack>=<plan.json> pairs', () => {
    const result = run(['summary', 'dev', 'dev-network=a.json']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('### Terraform plan: dev');
    expect(run(['summary', 'dev', 'a.json']).stderr).toBe('error: expected <stack>=<plan.json>, got "a.json"\n');
  });
});
