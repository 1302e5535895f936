import { runChecks } from '../../../tools/check/engine';
import { ALL_RULES, findRule } from '../../../tools/check/rules';
import { findingFingerprint, resourceLine, type SarifLog, toSarif } from '../../../tools/check/sarif';
import { r, stacksOf } from './fixtures';
import { sarifProblems } from './sarif-structure';

const stacks = stacksOf([
  r('azurerm_key_vault', 'kv', { purge_protection_enabled: false }, 'dev-data'),
  r('azurerm_key_vault', 'kv2', { purge_protection_enabled: false }, 'dev-data'),
  r('azurerm_cognitive_account', 'oai', { local_auth_enabled: true }, 'dev-openai'),
]);
const rules = [findRule('AOAI-KV-002')!, findRule('AOAI-OAI-002')!, findRule('AOAI-WAF-004')!];
const report = runChecks({
  stacks,
  rules,
  context: { environment: 'dev', production: false },
  suppressions: [
    { rule: 'AOAI-KV-002', resource: 'azurerm_key_vault.kv2', reason: 'throwaway vault for a load test' },
    { rule: 'AOAI-WAF-004', reason: 'bot manager comes with the next WAF release' },
  ],
});
const sarif = toSarif([report], rules, { version: '0.1.0', lineOf: () => 7 });

describe('toSarif', () => {
  test('produces a structurally valid SARIF 2.1.0 log', () => {
    expect(sarifProblems(sarif)).toEqual([]);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
  });

  test('describes every rule with GitHub security severity and help text', () => {
    const driver = sarif.runs[0]!.tool.driver;
    expect(driver.rules.map((x) => x.id)).toEqual(['AOAI-KV-002', 'AOAI-OAI-002', 'AOAI-WAF-004']);
    const kv = driver.rules[0]!;
    expect(kv.name).toBe('KeyVaultPurgeProtectionIsOn');
    expect(kv.properties['security-severity']).toBe('8.0');
    expect(kv.defaultConfiguration.level).toBe('error');
    expect(kv.help.text).toContain('Checkov: CKV_AZURE_110, CKV_AZURE_42');
    expect(driver.rules[2]!.defaultConfiguration.level).toBe('note');
  });

  test('results point at the stack file, the line and the Terraform address', () => {
    const oai = sarif.runs[0]!.results.find((x) => x.ruleId === 'AOAI-OAI-002')!;
    expect(oai.ruleIndex).toBe(1);
    expect(oai.level).toBe('error');
    expect(oai.locations[0]).toEqual({
      physicalLocation: { artifactLocation: { uri: 'cdktf.out/stacks/dev-openai/cdk.tf.json' }, region: { startLine: 7 } },
      logicalLocations: [
        { name: 'azurerm_cognitive_account.oai', fullyQualifiedName: 'dev-openai/azurerm_cognitive_account.oai', kind: 'resource' },
      ],
    });
    expect(oai.message.text).toContain('local_auth_enabled must be false, found true');
  });

  test('suppressed findings carry the accepted justification; stale suppressions become notifications', () => {
    const suppressed = sarif.runs[0]!.results.filter((x) => x.suppressions);
    expect(suppressed.map((x) => x.locations[0]!.logicalLocations[0]!.name)).toEqual(['azurerm_key_vault.kv2']);
    expect(suppressed[0]!.suppressions).toEqual([
      { kind: 'external', status: 'accepted', justification: 'throwaway vault for a load test' },
    ]);
    const notes = sarif.runs[0]!.invocations[0]!.toolConfigurationNotifications;
    expect(notes.map((n) => n.message.text)).toEqual(['dev: suppression of AOAI-WAF-004 matches no finding: remove it']);
  });

  test('fingerprints are stable per rule, stack and address, and distinct between findings', () => {
    const [a, b] = report.findings;
    expect(findingFingerprint(a!)).toBe(findingFingerprint({ ...a! }));
    expect(findingFingerprint(a!)).not.toBe(findingFingerprint(b!));
    expect(findingFingerprint(a!)).toMatch(/^[0-9a-f]{64}$/);
  });

  test('the whole rule pack is valid SARIF rule metadata', () => {
    const log = toSarif([], ALL_RULES, { version: '0.1.0' });
    expect(sarifProblems(log)).toEqual([]);
    expect(log.runs[0]!.tool.driver.rules).toHaveLength(ALL_RULES.length);
  });
});

describe('sarifProblems catches malformed logs', () => {
  function mutate(change: (log: Record<string, unknown>) => void): unknown {
    const copy = JSON.parse(JSON.stringify(sarif)) as Record<string, unknown>;
    change(copy);
    return copy;
  }
  const results = (log: Record<string, unknown>) => (log['runs'] as Array<{ results: Array<Record<string, unknown>> }>)[0]!.results;
  const rulesOf = (log: Record<string, unknown>) =>
    (log['runs'] as Array<{ tool: { driver: { rules: Array<Record<string, unknown>> } } }>)[0]!.tool.driver.rules;

  test.each([
    ['wrong version', (l: Record<string, unknown>) => (l['version'] = '2.0.0'), /version: must be "2\.1\.0"/],
    [
      'missing driver name',
      (l: Record<string, unknown>) => delete (l['runs'] as Array<{ tool: { driver: Record<string, unknown> } }>)[0]!.tool.driver['name'],
      /tool\.driver\.name: required/,
    ],
    [
      'result without message',
      (l: Record<string, unknown>) => delete results(l)[0]!['message'],
      /results\[0\]\.message: must be a message object/,
    ],
    [
      'ruleIndex pointing at another rule',
      (l: Record<string, unknown>) => (results(l)[0]!['ruleIndex'] = 2),
      /ruleIndex: points at "AOAI-WAF-004"/,
    ],
    [
      'unknown level',
      (l: Record<string, unknown>) => (results(l)[0]!['level'] = 'critical'),
      /level must be one of none, note, warning, error/,
    ],
    [
      'line 0',
      (l: Record<string, unknown>) =>
        ((
          results(l)[0]!['locations'] as Array<{ physicalLocation: { region: { startLine: number } } }>
        )[0]!.physicalLocation.region.startLine = 0),
      /startLine: must be an integer >= 1/,
    ],
    [
      'non-numeric security severity',
      (l: Record<string, unknown>) => ((rulesOf(l)[0]!['properties'] as Record<string, unknown>)['security-severity'] = 'high'),
      /security-severity: GitHub needs a number/,
    ],
    ['duplicate rule ids', (l: Record<string, unknown>) => (rulesOf(l)[1]!['id'] = 'AOAI-KV-002'), /duplicate ids AOAI-KV-002/],
    [
      'suppression without kind',
      (l: Record<string, unknown>) => (results(l).find((x) => x['suppressions'])!['suppressions'] = [{ status: 'accepted' }]),
      /suppressions\[0\]\.kind: required/,
    ],
  ])('%s', (_name, change, expected) => {
    const problems = sarifProblems(mutate(change));
    expect(problems.join('\n')).toMatch(expected);
  });

  test('a log typed as SarifLog but empty of runs is still a problem', () => {
    expect(sarifProblems({ version: '2.1.0', $schema: 'https://x' } as unknown as SarifLog)).toEqual(['runs: required array']);
  });
});

describe('resourceLine', () => {
  const text = [
    '{',
    '  "data": {',
    '    "azurerm_key_vault": {',
    '      "kv": {',
    '      }',
    '    }',
    '  },',
    '  "resource": {',
    '    "azurerm_key_vault": {',
    '      "other": {',
    '      },',
    '      "kv": {',
    '      }',
    '    }',
    '  }',
    '}',
  ].join('\n');

  test('finds the managed resource, not a data source of the same type and name', () => {
    expect(resourceLine(text, 'azurerm_key_vault', 'kv')).toBe(12);
  });

  test('falls back to line 1 when the type is absent', () => {
    expect(resourceLine(text, 'azurerm_storage_account', 'st')).toBe(1);
  });
});
