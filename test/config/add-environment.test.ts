import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { parse, stringify } from 'yaml';

import { synthesize } from '../../app/synth';
import { ConfigError, DEFAULT_ENVIRONMENTS_DIR, loadEnvironments } from '../../config/load';
import { projectPath } from '../../lib/paths';
import { main as check } from '../../tools/check/main';
import { loadPromotion } from '../../tools/pipeline/promotion';
import type { Loose } from '../helpers/config';

/**
 * The README's recipe for a new environment, run as a platform engineer would: copy the closest file (test.yaml),
 * change every field the README's table names, then synth and check. Each edit is keyed by the field as the
 * README writes it, and the README's table must list exactly these fields.
 */
const RECIPE: Readonly<Record<string, (raw: Loose) => void>> = {
  name: (raw) => (raw.name = 'qa'),
  'tags.environment': (raw) => (raw.tags.environment = 'qa'),
  'azure.subscriptionId': (raw) => (raw.azure.subscriptionId = '44444444-4444-4444-4444-444444444444'),
  'network.addressSpace': (raw) => (raw.network.addressSpace = ['10.40.0.0/22']),
  // Every subnet moves with the address space, whatever subnets the environment has.
  'network.subnets': (raw) => {
    for (const [key, value] of Object.entries(raw.network.subnets as Record<string, string>)) {
      raw.network.subnets[key] = value.replace(/^10\.20\./, '10.40.');
    }
  },
  'applicationGateway.hostName': (raw) => (raw.applicationGateway.hostName = 'aoai-qa.contoso.com'),
  state: (raw) => (raw.state.storageAccountName = 'staoaigwtfstateqa'),
};

/** The fields the README's add-an-environment table lists, in its first column. */
function readmeRecipeFields(): string[] {
  const readme = readFileSync(projectPath('README.md'), 'utf8');
  const section = readme.split('### Adding an environment')[1]?.split('\n#')[0] ?? '';
  return section
    .split('\n')
    .filter((line) => /^\| `[^`]+`/.test(line))
    .map((line) => /^\| `([^`]+)`/.exec(line)![1]!);
}

function copyShipped(dir: string): void {
  for (const file of readdirSync(DEFAULT_ENVIRONMENTS_DIR)) {
    copyFileSync(join(DEFAULT_ENVIRONMENTS_DIR, file), join(dir, file));
  }
}

function writeQa(dir: string, edits: readonly string[], extra: (raw: Loose) => void = () => undefined, file = 'qa.yaml'): void {
  const raw = parse(readFileSync(join(DEFAULT_ENVIRONMENTS_DIR, 'test.yaml'), 'utf8')) as Loose;
  for (const field of edits) {
    RECIPE[field]!(raw);
  }
  extra(raw);
  writeFileSync(join(dir, file), stringify(raw));
}

function problemsOf(dir: string): readonly string[] {
  try {
    loadEnvironments(dir);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) {
      return error.problems.map((p) => p.replaceAll(`${dir}/`, ''));
    }
    throw error;
  }
}

describe('adding an environment as the README says', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'aoai-add-env-'));
    copyShipped(dir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("the README's table lists exactly the fields the recipe changes", () => {
    expect(readmeRecipeFields().sort()).toEqual(Object.keys(RECIPE).sort());
  });

  it('the whole recipe validates with every other environment, synthesizes and passes the rule pack', () => {
    writeQa(dir, Object.keys(RECIPE));
    expect(problemsOf(dir)).toEqual([]);
    // Synthesize the new environment alone (the shipped ones are covered elsewhere), then run the rule pack on it.
    const only = mkdtempSync(join(tmpdir(), 'aoai-add-env-qa-'));
    try {
      copyFileSync(join(dir, 'qa.yaml'), join(only, 'qa.yaml'));
      const out = join(only, 'cdktf.out');
      expect(synthesize({ config: only, outdir: out }).stacks).toHaveLength(8);
      const output: string[] = [];
      const io = { cwd: only, stdout: (t: string) => output.push(t), stderr: (t: string) => output.push(t) };
      expect(check(['--out', out, '--config', only, '--env', 'qa'], io)).toBe(0);
    } finally {
      rmSync(only, { recursive: true, force: true });
    }
  });

  it('the pipeline deploys the new environment once the promotion chain lists it, and refuses it otherwise', () => {
    writeQa(dir, Object.keys(RECIPE));
    const promotion = join(tmpdir(), `aoai-promotion-${process.pid}.yaml`);
    writeFileSync(promotion, 'stages:\n  - environment: dev\n  - environment: test\n  - environment: prod\n');
    expect(() => loadPromotion(promotion, dir)).toThrow(/\(environment "qa"\) is in no stage: add it where it belongs in the order/);
    writeFileSync(promotion, 'stages:\n  - environment: dev\n  - environment: test\n  - environment: qa\n  - environment: prod\n');
    try {
      expect(loadPromotion(promotion, dir).map((stage) => stage.environment)).toEqual(['dev', 'test', 'qa', 'prod']);
    } finally {
      rmSync(promotion, { force: true });
    }
  });

  it('copying a file and changing only its name is caught, one line per shared value', () => {
    writeQa(dir, ['name']);
    expect(problemsOf(dir)).toEqual([
      'qa.yaml: tags.environment: expected the environment\'s name ("qa") or no such tag, found "test"',
      'test.yaml: applicationGateway.hostName: expected a public host name not used by qa.yaml, found "aoai-test.contoso.com"',
      'test.yaml: network.addressSpace[0]: expected an address range that does not overlap 10.20.0.0/22 (qa.yaml), found "10.20.0.0/22"',
    ]);
  });

  it('an address space containing every other environment is caught on the file that has it', () => {
    writeQa(dir, Object.keys(RECIPE), (raw) => {
      raw.network.addressSpace = ['10.0.0.0/8'];
    });
    expect(problemsOf(dir)).toEqual([
      'qa.yaml: network.addressSpace[0]: expected an address range that does not overlap 10.10.0.0/22 (dev.yaml), found "10.0.0.0/8"',
      'qa.yaml: network.addressSpace[0]: expected an address range that does not overlap 10.30.0.0/22 (prod.yaml), found "10.0.0.0/8"',
      'qa.yaml: network.addressSpace[0]: expected an address range that does not overlap 10.20.0.0/22 (test.yaml), found "10.0.0.0/8"',
    ]);
  });

  it('a file whose name disagrees with its environment is the one blamed', () => {
    writeQa(dir, Object.keys(RECIPE), (raw) => {
      raw.name = 'qa2';
      raw.tags.environment = 'qa2';
    });
    expect(problemsOf(dir)).toEqual([
      'qa.yaml: name: expected "qa" (the file\'s name, by which stacks and the pipeline find it), found "qa2"',
    ]);
  });

  it('a production copy that keeps local state is refused', () => {
    writeQa(dir, Object.keys(RECIPE), (raw) => {
      raw.production = true;
      raw.state = { backend: 'local' };
    });
    expect(problemsOf(dir)).toContain(
      'qa.yaml: state.backend: expected a shared, locked backend ("azurerm" or "remote") in a production environment; local state lives on one machine, found "local"',
    );
  });
});
