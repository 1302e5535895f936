import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { EnvironmentSettings } from '../../../tools/check/environments';
import { type CheckIo, main } from '../../../tools/check/main';
import { ALL_RULES } from '../../../tools/check/rules';
import { sarifProblems } from './sarif-structure';
import { synthFixture } from './synth-fixture';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'aoai-check-cli-'));
  synthFixture(join(dir, 'cdktf.out'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const ROOT = join(__dirname, '..', '..', '..');

const ENVIRONMENTS: EnvironmentSettings[] = [
  { name: 'dev', production: false, suppressions: [], file: 'config/environments/dev.yaml' },
  { name: 'prod', production: true, suppressions: [] },
];

function run(
  argv: string[],
  environments: readonly EnvironmentSettings[] = ENVIRONMENTS,
): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const io: CheckIo = {
    cwd: dir,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    environments: () => environments,
    version: '1.2.3',
    sourceRoot: ROOT,
  };
  const code = main(argv, io);
  return { code, stdout, stderr };
}

describe('check CLI on a real cdktf synth', () => {
  test('text report groups findings by stack and fails on high findings', () => {
    const { code, stdout, stderr } = run([]);
    expect(code).toBe(1);
    expect(stdout).toContain('Environment dev (non-production): 2 stack(s)');
    expect(stdout).toMatch(
      /dev-network {2}cdktf\.out\/stacks\/dev-network\/cdk\.tf\.json\n {2}CRITICAL +AOAI-NSG-001 +azurerm_network_security_group\.pep-nsg/,
    );
    expect(stdout).toMatch(/HIGH +AOAI-KV-002 +azurerm_key_vault\.vault \(dev-data\/vault\)/);
    expect(stdout).toMatch(/HIGH +AOAI-LIFE-001 +azurerm_key_vault\.vault \(prod-data\/vault\)/);
    expect(stdout).toContain('RESULT: FAILED');
    expect(stderr).toContain('warning: stacks of environment "qa" are not checked');
  });

  test('the cross-stack private endpoint satisfies the dev vault (no AOAI-PE-003 there), but not the prod vault', () => {
    const { stdout } = run([]);
    const dev = stdout.slice(stdout.indexOf('Environment dev'), stdout.indexOf('Environment prod'));
    const prod = stdout.slice(stdout.indexOf('Environment prod'));
    expect(dev).not.toContain('AOAI-PE-003');
    expect(prod).toContain('AOAI-PE-003');
  });

  test('--fail-on critical passes when only the production environment (no critical finding) is checked', () => {
    expect(run(['--env', 'prod', '--fail-on', 'critical']).code).toBe(0);
    expect(run(['--env', 'dev', '--fail-on', 'critical']).code).toBe(1);
    expect(run(['--fail-on', 'none']).code).toBe(0);
  });

  test('a suppression accepts the finding and the report shows its reason; a stale one is listed', () => {
    const environments: EnvironmentSettings[] = [
      {
        name: 'dev',
        production: false,
        suppressions: [
          { rule: 'AOAI-NSG-001', resource: 'azurerm_network_security_group.*', reason: 'lab NSG, removed before go-live' },
          { rule: 'AOAI-NSG-002', resource: 'azurerm_network_security_group.*', reason: 'lab NSG, removed before go-live' },
          { rule: 'AOAI-KV-002', resource: 'azurerm_key_vault.vault', reason: 'dev vaults are purged nightly' },
          { rule: 'AOAI-WAF-002', reason: 'dev WAF tuned in Detection mode' },
        ],
      },
    ];
    const { code, stdout } = run(['--env', 'dev'], environments);
    expect(stdout).toMatch(/suppressed +AOAI-KV-002 +azurerm_key_vault\.vault[\s\S]*accepted: dev vaults are purged nightly/);
    expect(stdout).toContain('Stale suppressions:\n  AOAI-WAF-002 (every resource): matches no finding: remove it');
    expect(stdout).toContain('Summary dev: 2 finding(s) (2 medium), 0 at or above high, 3 suppressed, 1 stale suppression(s)');
    // Only medium findings remain once the lab NSG and the vault are accepted, so the default threshold passes.
    expect(code).toBe(0);
  });

  test('SARIF output is structurally valid, written to --output, and points at the stack file and line', () => {
    const { code, stdout } = run(['--format', 'sarif', '--output', 'check.sarif']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^wrote sarif report to check\.sarif: \d+ finding\(s\), \d+ at or above high\n$/);
    const sarif: unknown = JSON.parse(readFileSync(join(dir, 'check.sarif'), 'utf8'));
    expect(sarifProblems(sarif)).toEqual([]);
    const run0 = (sarif as { runs: Array<{ results: Array<Record<string, unknown>> }> }).runs[0]!;
    const kv = run0.results.find((r) => r['ruleId'] === 'AOAI-KV-002')!;
    // The construct line is the primary location; the synthesized file and its line come first among the related.
    const location = (
      kv['relatedLocations'] as Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>
    )[0]!;
    expect(location.physicalLocation.artifactLocation.uri).toBe('cdktf.out/stacks/dev-data/cdk.tf.json');
    const fileLines = readFileSync(join(dir, 'cdktf.out/stacks/dev-data/cdk.tf.json'), 'utf8').split('\n');
    expect(fileLines[location.physicalLocation.region.startLine - 1]!.trim()).toBe('"vault": {');
  });

  test('input errors exit 2 with one clear message', () => {
    expect(run(['--out', 'missing']).stderr).toMatch(/no cdktf manifest at missing\/manifest\.json: run `npm run synth` first/);
    expect(run(['--out', 'missing']).code).toBe(2);
    const unknownEnv = run(['--env', 'uat']);
    expect(unknownEnv.code).toBe(2);
    expect(unknownEnv.stderr).toContain('error: unknown environment "uat"; configured: dev, prod');
    const notSynthesized = run(['--env', 'test'], [...ENVIRONMENTS, { name: 'test', production: false, suppressions: [] }]);
    expect(notSynthesized.code).toBe(2);
    expect(notSynthesized.stderr).toContain('error: cdktf.out holds no stacks of environment "test": synthesize it first');
    const badFormat = run(['--format', 'xml']);
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toContain('--format must be text or sarif, got "xml"');
    const noReason = run(['--env', 'dev'], [{ name: 'dev', production: false, suppressions: [{ rule: 'AOAI-KV-002', reason: '' }] }]);
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain('reason must explain why the finding is accepted');
  });

  test('--list-rules prints every rule with its severity, types, rationale, fix and references', () => {
    const { code, stdout } = run(['--list-rules']);
    expect(code).toBe(0);
    expect(stdout.match(/^AOAI-[A-Z]+-\d{3} /gm)).toHaveLength(ALL_RULES.length);
    const kv = ALL_RULES.find((r) => r.id === 'AOAI-KV-002')!;
    expect(stdout).toContain(
      `AOAI-KV-002  high     Key Vault purge protection is on\n    types: azurerm_key_vault\n    why: ${kv.rationale}\n    fix: ${kv.remediation}\n` +
        '    MCSB DP-8 | CIS 8.3.5 | CKV_AZURE_110, CKV_AZURE_42 | Trivy azure-keyvault-no-purge\n',
    );
    expect(stdout.match(/^ {4}why: \S/gm)).toHaveLength(ALL_RULES.length);
    expect(stdout.match(/^ {4}fix: \S/gm)).toHaveLength(ALL_RULES.length);
  });

  test('a finding names its fix, the construct line that creates the resource and the environment file', () => {
    const { stdout } = run(['--env', 'dev']);
    const kv = ALL_RULES.find((r) => r.id === 'AOAI-KV-002')!;
    const source = readFileSync(join(ROOT, 'constructs/data/key-vault.ts'), 'utf8').split('\n');
    const line = source.findIndex((l) => l.includes("new KeyVault(this, 'vault'")) + 1;
    expect(line).toBeGreaterThan(0);
    expect(stdout).toContain(
      `AOAI-KV-002    azurerm_key_vault.vault (dev-data/vault)\n` +
        `             Key Vault purge protection is on: purge_protection_enabled must be true, found false\n` +
        `             fix: ${kv.remediation}\n` +
        `             where: created at constructs/data/key-vault.ts:${line}; configured in config/environments/dev.yaml (azure, logging, network, openai)\n`,
    );
  });

  test('SARIF puts the construct line first and keeps the synthesized file and the environment file as related locations', () => {
    const sarif = JSON.parse(run(['--env', 'dev', '--format', 'sarif']).stdout) as {
      runs: Array<{ results: Array<{ ruleId: string; message: { text: string }; locations: unknown[]; relatedLocations?: unknown[] }> }>;
    };
    const kv = sarif.runs[0]!.results.find((r) => r.ruleId === 'AOAI-KV-002')!;
    expect(kv.locations[0]).toMatchObject({ physicalLocation: { artifactLocation: { uri: 'constructs/data/key-vault.ts' } } });
    expect(kv.relatedLocations).toEqual([
      expect.objectContaining({
        id: 0,
        physicalLocation: expect.objectContaining({ artifactLocation: { uri: 'cdktf.out/stacks/dev-data/cdk.tf.json' } }),
      }),
      expect.objectContaining({
        id: 1,
        physicalLocation: { artifactLocation: { uri: 'config/environments/dev.yaml' }, region: { startLine: 1 } },
      }),
    ]);
    expect(kv.message.text).toContain(` Fix: ${ALL_RULES.find((r) => r.id === 'AOAI-KV-002')!.remediation}`);
    expect(sarifProblems(sarif)).toEqual([]);
  });

  test('--output into a missing folder creates it; an unwritable path is one line and exit 2, not a finding verdict', () => {
    const nested = run(['--fail-on', 'none', '--output', 'reports/nested/check.txt']);
    expect(nested.code).toBe(0);
    expect(readFileSync(join(dir, 'reports/nested/check.txt'), 'utf8')).toContain('RESULT: report only');
    writeFileSync(join(dir, 'plain-file'), '');
    const blocked = run(['--output', 'plain-file/check.txt']);
    expect(blocked.code).toBe(2);
    expect(blocked.stderr).toMatch(/\nerror: cannot write plain-file\/check\.txt: a part of the path is a file, not a folder\n$/);
    expect(blocked.stdout).toBe('');
  });

  test('the same input gives byte-identical reports', () => {
    expect(run(['--format', 'sarif']).stdout).toBe(run(['--format', 'sarif']).stdout);
    expect(run([]).stdout).toBe(run([]).stdout);
  });
});
