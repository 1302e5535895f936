import { DIAGNOSTIC_PROFILES, type DiagnosticProfile } from '../../../constructs/diagnostics';
import { acceptsDedicated, DIAGNOSTIC_TARGET_TYPES, diagnosticTarget, diagnosticTargetType } from '../../../tools/check/diagnostic-targets';
import { runChecks } from '../../../tools/check/engine';
import { environmentOfStack } from '../../../tools/check/environments';
import { ResourceGraph } from '../../../tools/check/graph';
import { rule } from '../../../tools/check/rules/AOAI-DIAG-003-valid-diagnostic-setting';
import type { StackDocument } from '../../../tools/check/synth-output';
import { isRecord } from '../../../tools/check/values';
import { SHIPPED_ENVIRONMENTS, shippedConfig, type ShippedEnvironment, synthShipped } from '../../helpers/synth';

/**
 * The Azure type each profile is written for. The profiles and the checker's table are kept apart on purpose, so
 * that a wrong category has to be wrong twice to pass; a new profile fails type-checking until it is mapped here.
 */
const PROFILE_TARGETS: Record<DiagnosticProfile, string> = {
  apiManagement: 'Microsoft.ApiManagement/service',
  cognitiveServices: 'Microsoft.CognitiveServices/accounts',
  applicationGateway: 'Microsoft.Network/applicationGateways',
  keyVault: 'Microsoft.KeyVault/vaults',
  storageAccount: 'Microsoft.Storage/storageAccounts',
  storageBlobService: 'Microsoft.Storage/storageAccounts/blobServices',
  networkSecurityGroup: 'Microsoft.Network/networkSecurityGroups',
  virtualNetwork: 'Microsoft.Network/virtualNetworks',
  publicIp: 'Microsoft.Network/publicIPAddresses',
  logAnalyticsWorkspace: 'Microsoft.OperationalInsights/workspaces',
  subscriptionActivityLog: 'Microsoft.Resources/subscriptions',
  applicationInsights: 'Microsoft.Insights/components',
};

/** The metric categories a profile enables, as `constructs/diagnostics.ts` documents them. */
function profileMetrics(metrics: boolean | readonly string[]): readonly string[] {
  if (metrics === true) {
    return ['AllMetrics'];
  }
  return metrics === false ? [] : metrics;
}

const profiles = Object.keys(DIAGNOSTIC_PROFILES) as DiagnosticProfile[];

describe('DIAGNOSTIC_PROFILES agree with the checker table', () => {
  test('every profile is mapped to an Azure type the table covers', () => {
    expect(profiles.filter((p) => diagnosticTargetType(PROFILE_TARGETS[p]) === undefined)).toEqual([]);
  });

  test.each(profiles.map((p) => [p] as const))('%s names only log categories of its type', (profile) => {
    const type = diagnosticTargetType(PROFILE_TARGETS[profile])!;
    const unknown = DIAGNOSTIC_PROFILES[profile].logs.filter((category: string) => !type.logs.includes(category));
    expect(unknown).toEqual([]);
  });

  test.each(profiles.map((p) => [p] as const))('%s names only metric categories of its type', (profile) => {
    const type = diagnosticTargetType(PROFILE_TARGETS[profile])!;
    const unknown = profileMetrics(DIAGNOSTIC_PROFILES[profile].metrics).filter((category) => !type.metrics.includes(category));
    expect(unknown).toEqual([]);
  });

  test.each(profiles.map((p) => [p] as const))('%s asks for resource-specific tables only where its type offers them', (profile) => {
    const type = diagnosticTargetType(PROFILE_TARGETS[profile])!;
    expect({ profile, dedicated: DIAGNOSTIC_PROFILES[profile].dedicated && !acceptsDedicated(type) }).toEqual({
      profile,
      dedicated: false,
    });
  });
});

describe('the checker table', () => {
  test('names each Azure type and each Terraform type once', () => {
    const armTypes = DIAGNOSTIC_TARGET_TYPES.map((t) => t.armType.toLowerCase());
    const terraformTypes = DIAGNOSTIC_TARGET_TYPES.flatMap((t) => t.terraformTypes);
    expect(armTypes.filter((t, i) => armTypes.indexOf(t) !== i)).toEqual([]);
    expect(terraformTypes.filter((t, i) => terraformTypes.indexOf(t) !== i)).toEqual([]);
  });

  test('gives log tables only to types with log categories', () => {
    const inconsistent = DIAGNOSTIC_TARGET_TYPES.filter((t) => (t.logs.length === 0) !== (t.logTables === 'none')).map((t) => t.armType);
    expect(inconsistent).toEqual([]);
  });
});

/** The stacks of one shipped environment as the check reads them from cdktf.out. */
function environmentStacks(files: Readonly<Record<string, string>>, environment: ShippedEnvironment): StackDocument[] {
  return Object.keys(files)
    .filter((name) => environmentOfStack(name) === environment)
    .sort()
    .map((name) => {
      const text = files[name]!;
      const json: unknown = JSON.parse(text);
      if (!isRecord(json)) {
        throw new Error(`stack ${name} is not a JSON object`);
      }
      return { name, file: `cdktf.out/stacks/${name}/cdk.tf.json`, json, text };
    });
}

describe('AOAI-DIAG-003 on the shipped environments', () => {
  const { files } = synthShipped();

  test.each(SHIPPED_ENVIRONMENTS.map((e) => [e] as const))(
    '%s: every diagnostic setting targets a type the table covers',
    (environment) => {
      const graph = new ResourceGraph(environmentStacks(files, environment));
      const settings = graph.ofType('azurerm_monitor_diagnostic_setting');
      const targets = settings.map((s) => ({ setting: `${s.stack}/${s.address}`, target: diagnosticTarget(s, graph) }));
      expect(settings.length).toBeGreaterThan(0);
      expect(targets.filter((t) => t.target?.type === undefined).map((t) => t.setting)).toEqual([]);
      expect(targets.map((t) => t.target?.armType)).toEqual(
        expect.arrayContaining([
          'Microsoft.Storage/storageAccounts',
          'Microsoft.Storage/storageAccounts/blobServices',
          'Microsoft.ApiManagement/service',
        ]),
      );
    },
  );

  test.each(SHIPPED_ENVIRONMENTS.map((e) => [e] as const))('%s: the rule finds nothing and judges every setting', (environment) => {
    const stacks = environmentStacks(files, environment);
    const report = runChecks({ stacks, rules: [rule], context: { environment, production: shippedConfig(environment).production } });
    expect(report.findings).toEqual([]);
    expect(report.evaluations).toBe(new ResourceGraph(stacks).ofType('azurerm_monitor_diagnostic_setting').length);
  });

  test('AllMetrics on the shipped storage account setting would be flagged', () => {
    const stacks = environmentStacks(files, 'dev').map((stack) => {
      const json = JSON.parse(stack.text) as { resource?: Record<string, Record<string, Record<string, unknown>>> };
      for (const setting of Object.values(json.resource?.['azurerm_monitor_diagnostic_setting'] ?? {})) {
        if (
          typeof setting['target_resource_id'] === 'string' &&
          /^\$\{azurerm_storage_account\.[^}]+\.id\}$/.test(setting['target_resource_id'])
        ) {
          setting['enabled_metric'] = [{ category: 'AllMetrics' }];
        }
      }
      return { ...stack, json, text: JSON.stringify(json, null, 2) };
    });
    const report = runChecks({ stacks, rules: [rule], context: { environment: 'dev', production: false } });
    expect(report.findings.map((f) => f.message)).toEqual([
      expect.stringMatching(
        /^"AllMetrics" is not a metric category of Microsoft\.Storage\/storageAccounts azurerm_storage_account\.\S+ \(supported: Capacity, Transaction\)$/,
      ),
    ]);
  });
});
