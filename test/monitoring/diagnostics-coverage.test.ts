import { CLASSIFICATIONS } from '../../lib/azure/diagnostic-coverage';
import { rule } from '../../tools/check/rules/AOAI-DIAG-001-diagnostic-setting-present';
import type { StackJson, Synthesized } from '../helpers/synth';
import { synthShipped } from '../helpers/synth';
import { diagnosticCoverage, withoutEnvironment } from './coverage';

/**
 * Resources known to lack their diagnostic setting while other layers are completed, as
 * `<layer>/<construct path><target suffix>`. Each entry must still be a gap: a fixed one fails the test until it is
 * removed here.
 */
const KNOWN_GAPS: readonly string[] = [];

function synthOf(stacks: Record<string, StackJson>): Synthesized {
  return { stacks, files: {} };
}

const meta = (path: string) => ({ '//': { metadata: { path } } });

describe('diagnostic coverage check', () => {
  const vault = { kv: { ...meta('dev-data/key-vault/vault'), name: 'kv' } };
  const account = { st: { ...meta('dev-data/storage/account'), name: 'st' } };

  it('reports a resource without a setting, by stack and construct path', () => {
    const report = diagnosticCoverage(synthOf({ 'dev-data': { resource: { azurerm_key_vault: vault } } }));
    expect(report.missing).toEqual(['dev-data:data/key-vault/vault']);
  });

  it('accepts a setting in the same stack that targets the resource', () => {
    const setting = { d: { target_resource_id: '${azurerm_key_vault.kv.id}', log_analytics_workspace_id: 'w' } };
    const report = diagnosticCoverage(
      synthOf({ 'dev-data': { resource: { azurerm_key_vault: vault, azurerm_monitor_diagnostic_setting: setting } } }),
    );
    expect(report.missing).toEqual([]);
  });

  it('accepts a setting in another stack of the same environment only', () => {
    const target = '${data.terraform_remote_state.x.outputs.cross-stack-output-azurerm_key_vaultkvid}';
    const elsewhere = (stack: string) => ({
      [stack]: { resource: { azurerm_monitor_diagnostic_setting: { d: { target_resource_id: target } } } },
    });
    expect(
      diagnosticCoverage(synthOf({ 'dev-data': { resource: { azurerm_key_vault: vault } }, ...elsewhere('dev-insights') })).missing,
    ).toEqual([]);
    expect(
      diagnosticCoverage(synthOf({ 'dev-data': { resource: { azurerm_key_vault: vault } }, ...elsewhere('prod-insights') })).missing,
    ).toEqual(['dev-data:data/key-vault/vault']);
  });

  it('requires the storage blob service setting as well as the account one', () => {
    const setting = { d: { target_resource_id: '${azurerm_storage_account.st.id}' } };
    const report = diagnosticCoverage(
      synthOf({ 'dev-data': { resource: { azurerm_storage_account: account, azurerm_monitor_diagnostic_setting: setting } } }),
    );
    expect(report.missing).toEqual(['dev-data:data/storage/account/blobServices/default']);
  });

  it('reports resource types and azapi ARM types nobody has classified', () => {
    const report = diagnosticCoverage(
      synthOf({
        'dev-x': {
          resource: {
            azurerm_made_up_thing: { a: meta('dev-x/a') },
            azapi_resource: { b: { ...meta('dev-x/b'), type: 'Microsoft.Made/up@2024-01-01' } },
          },
        },
      }),
    );
    expect(report.unclassified).toEqual(['azapi_resource Microsoft.Made/up', 'azurerm_made_up_thing']);
  });

  it('gives every exemption a reason in words', () => {
    const all = [...Object.values(CLASSIFICATIONS.resourceTypes), ...Object.values(CLASSIFICATIONS.armTypes)];
    const reasons = all.flatMap((c) => (c.kind === 'required' ? [] : [c.reason]));
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.filter((reason) => reason.trim().length < 20)).toEqual([]);
  });
});

describe('diagnostic settings in every shipped environment', () => {
  const synth = synthShipped();
  const report = diagnosticCoverage(synth);

  it('classifies every synthesized resource type', () => {
    expect(report.unclassified).toEqual([]);
  });

  it('has a diagnostic setting for every resource that supports one', () => {
    expect(report.missing.filter((entry) => !KNOWN_GAPS.includes(withoutEnvironment(entry)))).toEqual([]);
  });

  it('lists only known gaps that still exist', () => {
    const stillMissing = new Set(report.missing.map(withoutEnvironment));
    expect(KNOWN_GAPS.filter((gap) => !stillMissing.has(gap))).toEqual([]);
  });

  it('sends every diagnostic setting to a workspace with at least one category', () => {
    const settings = Object.entries(synth.stacks).flatMap(([stack, json]) =>
      Object.entries(json.resource?.['azurerm_monitor_diagnostic_setting'] ?? {}).map(([name, attributes]) => ({
        stack,
        name,
        attributes,
      })),
    );
    const incomplete = settings
      .filter(({ attributes }) => {
        const logs = (attributes['enabled_log'] as unknown[] | undefined) ?? [];
        const metrics = (attributes['enabled_metric'] as unknown[] | undefined) ?? [];
        return typeof attributes['log_analytics_workspace_id'] !== 'string' || logs.length + metrics.length === 0;
      })
      .map(({ stack, name }) => `${stack}:${name}`);
    expect(settings.length).toBeGreaterThan(0);
    expect(incomplete).toEqual([]);
  });
});

describe('one diagnostics table for the rule pack and the tests', () => {
  it('the rule checks exactly the types the table requires a diagnostic setting for', () => {
    const required = Object.entries(CLASSIFICATIONS.resourceTypes)
      .filter(([, c]) => c.kind === 'required')
      .map(([type]) => type)
      .sort();
    expect(rule.resourceTypes).toEqual(required);
  });
});
