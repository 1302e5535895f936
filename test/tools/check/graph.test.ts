import { expressionBodies, ResourceGraph, traversals } from '../../../tools/check/graph';
import { boolSetting, numberSetting, requireBool, stringList } from '../../../tools/check/values';
import { r, ref, stacksOf } from './fixtures';

describe('expressions', () => {
  test('finds every ${...} body, with nested braces and quoted braces kept inside', () => {
    expect(expressionBodies('${azurerm_storage_account.st.id}/blobServices/default')).toEqual(['azurerm_storage_account.st.id']);
    expect(expressionBodies('a-${lookup({ x = "}" }, "x")}-${var.y}')).toEqual(['lookup({ x = "}" }, "x")', 'var.y']);
    expect(expressionBodies('plain text')).toEqual([]);
  });

  test('traversals are resources and data sources, never variables, locals or remote-state outputs', () => {
    const body =
      'concat(azurerm_subnet.snet-apim_1A.id, data.azurerm_client_config.current.tenant_id, var.x_y, local.a_b, each.value, ' +
      'data.terraform_remote_state.cross-stack-reference-input-dev-a.outputs.cross-stack-output-azurerm_key_vaultkvid)';
    expect(traversals(body)).toEqual([
      { mode: 'managed', type: 'azurerm_subnet', name: 'snet-apim_1A' },
      { mode: 'data', type: 'azurerm_client_config', name: 'current' },
    ]);
  });
});

describe('ResourceGraph', () => {
  const stacks = stacksOf(
    [
      r('azurerm_key_vault', 'kv', { name: 'kv' }, 'dev-data'),
      r(
        'azurerm_private_endpoint',
        'pe',
        { target: '${data.terraform_remote_state.cross-stack-reference-input-dev-data.outputs.kv_id}' },
        'dev-network',
      ),
      r('azurerm_private_endpoint', 'local', { target: ref('azurerm_key_vault', 'kv') }, 'dev-network'),
    ],
    { 'dev-data': { kv_id: { value: ref('azurerm_key_vault', 'kv') } } },
  );
  const graph = new ResourceGraph(stacks);

  test('follows a cross-stack remote-state output back to the producing resource', () => {
    const pe = graph.get('dev-network', 'azurerm_private_endpoint.pe')!;
    const vault = graph.get('dev-data', 'azurerm_key_vault.kv')!;
    expect(graph.referencedBy(pe, pe.values['target']).map((x) => `${x.stack}/${x.address}`)).toEqual(['dev-data/azurerm_key_vault.kv']);
    expect(graph.refersTo(pe, pe.values['target'], vault)).toBe(true);
  });

  test('resolves a plain reference only inside its own stack', () => {
    const local = graph.get('dev-network', 'azurerm_private_endpoint.local')!;
    expect(graph.referencedBy(local, local.values['target'])).toEqual([]);
  });

  test('lists managed resources by type in stack and address order', () => {
    expect(graph.ofType('azurerm_private_endpoint').map((x) => x.address)).toEqual([
      'azurerm_private_endpoint.local',
      'azurerm_private_endpoint.pe',
    ]);
  });
});

describe('values', () => {
  test('an expression is never a literal', () => {
    expect(boolSetting('${var.enabled}')).toEqual({ state: 'expression', text: '${var.enabled}' });
    expect(numberSetting('${local.days}').state).toBe('expression');
    expect(requireBool({ enabled: '${var.enabled}' }, 'enabled', true)).toBe(
      'enabled must be true, found the expression ${var.enabled}, which is not a literal',
    );
  });

  test('Terraform string forms of booleans and numbers are literals', () => {
    expect(boolSetting('false')).toEqual({ state: 'literal', value: false });
    expect(numberSetting('90')).toEqual({ state: 'literal', value: 90 });
    expect(requireBool({}, 'enabled', true, true)).toBeUndefined();
  });

  test('a list given as one expression is kept apart from literal items', () => {
    expect(stringList(['10.0.0.4', '${azurerm_api_management.apim.private_ip_addresses[0]}'])).toEqual({
      items: ['10.0.0.4'],
      expressions: ['${azurerm_api_management.apim.private_ip_addresses[0]}'],
    });
  });
});
