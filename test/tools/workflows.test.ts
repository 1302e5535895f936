import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parseDocument } from 'yaml';

import { LAYER_ORDER } from '../../stacks/app';
import { COMMENT_MARKER } from '../../tools/diff/render';

const ROOT = join(__dirname, '..', '..');
const WORKFLOWS = join(ROOT, '.github', 'workflows');

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function load(file: string): Json {
  const doc = parseDocument(readFileSync(join(WORKFLOWS, file), 'utf8'), { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
  }
  const data: unknown = doc.toJS();
  if (!isObject(data)) {
    throw new Error(`${file}: not a mapping`);
  }
  return data;
}

const files = readdirSync(WORKFLOWS)
  .filter((f) => f.endsWith('.yml') || f.endsWith('.yaml'))
  .sort();
const workflows = new Map(files.map((f) => [f, load(f)]));

function jobs(workflow: Json): Array<[string, Json]> {
  const all = workflow['jobs'];
  return isObject(all) ? Object.entries(all).filter((e): e is [string, Json] => isObject(e[1])) : [];
}

function steps(job: Json): Json[] {
  const list = job['steps'];
  return Array.isArray(list) ? list.filter(isObject) : [];
}

function allSteps(): Array<{ file: string; job: string; step: Json }> {
  return [...workflows].flatMap(([file, wf]) => jobs(wf).flatMap(([job, body]) => steps(body).map((step) => ({ file, job, step }))));
}

function runScripts(file?: string): string[] {
  return allSteps()
    .filter((s) => file === undefined || s.file === file)
    .map((s) => s.step['run'])
    .filter((run): run is string => typeof run === 'string');
}

const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
const scripts = packageJson.scripts ?? {};

describe('workflow files', () => {
  test('the three workflows exist and parse as YAML mappings with jobs', () => {
    expect(files).toEqual(['deploy-environment.yml', 'deploy.yml', 'pr.yml']);
    for (const [file, wf] of workflows) {
      expect(jobs(wf).length).toBeGreaterThan(0);
      for (const [job, body] of jobs(wf)) {
        expect(`${file}:${job} ${typeof body['runs-on'] === 'string' || typeof body['uses'] === 'string'}`).toBe(`${file}:${job} true`);
      }
    }
  });

  test('every `npm run <script>` and `npm test` names a script of package.json', () => {
    const called = new Set<string>();
    for (const run of runScripts()) {
      for (const match of run.matchAll(/\bnpm (?:run(?:-script)?|run --silent) ([\w:.-]+)/g)) {
        called.add(match[1]!);
      }
      if (/\bnpm (?:test|t)\b/.test(run)) {
        called.add('test');
      }
    }
    expect([...called].sort()).toEqual(['check', 'diff', 'synth', 'test']);
    const missing = [...called].filter((name) => scripts[name] === undefined);
    expect(missing).toEqual([]);
  });

  test('every local file a workflow refers to exists', () => {
    const referenced = new Set<string>();
    for (const { step } of allSteps()) {
      if (typeof step['uses'] === 'string' && step['uses'].startsWith('./')) {
        referenced.add(step['uses']);
      }
    }
    for (const [, wf] of workflows) {
      for (const [, job] of jobs(wf)) {
        if (typeof job['uses'] === 'string' && job['uses'].startsWith('./')) {
          referenced.add(job['uses'].replace(/@.*$/, ''));
        }
      }
    }
    for (const run of runScripts()) {
      for (const match of run.matchAll(
        /(?:^|[\s"'=])((?:\.\/)?(?:scripts|tools|config|lib|stacks|constructs|policies|test|\.github)\/[\w./-]+)/g,
      )) {
        referenced.add(match[1]!);
      }
    }
    expect(referenced.size).toBeGreaterThan(0);
    const missing = [...referenced].filter((path) => !existsSync(join(ROOT, path)));
    expect(missing).toEqual([]);
  });

  test('third-party actions are pinned to a release, never a branch', () => {
    const floating = allSteps()
      .map((s) => s.step['uses'])
      .filter((uses): uses is string => typeof uses === 'string' && !uses.startsWith('./'))
      .filter((uses) => !/@v\d+(\.\d+){0,2}$|@[0-9a-f]{40}$/.test(uses));
    expect(floating).toEqual([]);
  });
});

describe('pull-request workflow', () => {
  const pr = workflows.get('pr.yml')!;
  const job = (name: string) => Object.fromEntries(jobs(pr))[name]!;

  test('runs on pull requests: npm ci and npm test', () => {
    expect(Object.keys(pr['on'] as Json)).toEqual(['pull_request']);
    expect(runScripts('pr.yml')).toEqual(expect.arrayContaining(['npm ci', 'npm test']));
  });

  test('uploads the SARIF file the rule pack writes, with the permission code scanning needs', () => {
    const security = job('security');
    expect(security['permissions']).toMatchObject({ 'security-events': 'write' });
    const check = steps(security).find((s) => s['id'] === 'check')!;
    const output = /npm run check -- --format sarif --output (\S+)/.exec(String(check['run']))?.[1];
    const upload = steps(security).find((s) => String(s['uses']).startsWith('github/codeql-action/upload-sarif@'))!;
    expect(output).toBeDefined();
    expect((upload['with'] as Json)['sarif_file']).toBe(output);
    expect(String(upload['if'])).toContain('always()');
    const verdict = steps(security).at(-1)!;
    expect(verdict['if']).toBe("steps.check.outcome == 'failure'");
  });

  test('diffs against the base branch with full history and updates one marked comment', () => {
    const diff = job('synth-diff');
    expect(diff['permissions']).toMatchObject({ 'pull-requests': 'write' });
    expect((steps(diff)[0]!['with'] as Json)['fetch-depth']).toBe(0);
    const run = runScripts('pr.yml').find((r) => r.includes('npm run diff'))!;
    expect(run).toContain('--format markdown --output reports/synth-diff.md');
    expect(run).toContain('"origin/$BASE_REF"');
    const comment = steps(diff).find((s) => String(s['uses']).startsWith('actions/github-script@'))!;
    const script = String((comment['with'] as Json)['script']);
    expect(script).toContain(`'${COMMENT_MARKER}'`);
    expect(script).toContain("readFileSync('reports/synth-diff.md'");
  });
});

describe('deploy workflows', () => {
  const deploy = workflows.get('deploy.yml')!;
  const reusable = workflows.get('deploy-environment.yml')!;

  test('deploy runs on pushes to main, dev then test then prod, each through the reusable workflow', () => {
    expect(deploy['on']).toMatchObject({ push: { branches: ['main'] } });
    const order = jobs(deploy).map(([name, body]) => ({
      name,
      needs: body['needs'] ?? null,
      uses: body['uses'],
      environment: (body['with'] as Json)['environment'],
    }));
    expect(order).toEqual([
      { name: 'dev', needs: null, uses: './.github/workflows/deploy-environment.yml', environment: 'dev' },
      { name: 'test', needs: 'dev', uses: './.github/workflows/deploy-environment.yml', environment: 'test' },
      { name: 'prod', needs: 'test', uses: './.github/workflows/deploy-environment.yml', environment: 'prod' },
    ]);
    expect(deploy['permissions']).toMatchObject({ 'id-token': 'write' });
    expect(deploy['concurrency']).toMatchObject({ 'cancel-in-progress': false });
  });

  test('the environment job is gated by the GitHub environment and signs in with OIDC from variables, no secrets', () => {
    const [, job] = jobs(reusable)[0]!;
    expect(job['environment']).toBe('${{ inputs.environment }}');
    const login = steps(job).find((s) => String(s['uses']).startsWith('azure/login@'))!;
    expect(login['with']).toEqual({
      'client-id': '${{ vars.AZURE_CLIENT_ID }}',
      'tenant-id': '${{ vars.AZURE_TENANT_ID }}',
      'subscription-id': '${{ vars.AZURE_SUBSCRIPTION_ID }}',
    });
    expect(job['env']).toMatchObject({ ARM_USE_OIDC: 'true' });
    for (const file of ['deploy.yml', 'deploy-environment.yml']) {
      expect(readFileSync(join(WORKFLOWS, file), 'utf8')).not.toMatch(/secrets\./);
    }
  });

  test('diffs then deploys the stacks with cdktf-cli 0.21.0, layer by layer in dependency order', () => {
    const script = runScripts('deploy-environment.yml').find((r) => r.includes('cdktf-cli@0.21.0 deploy'))!;
    const layers = /for layer in ([\w ]+); do/.exec(script)?.[1]?.split(' ');
    expect(layers).toEqual([...LAYER_ORDER]);
    expect(script.indexOf('npx cdktf-cli@0.21.0 diff "$stack"')).toBeGreaterThan(-1);
    expect(script.indexOf('npx cdktf-cli@0.21.0 diff "$stack"')).toBeLessThan(script.indexOf('npx cdktf-cli@0.21.0 deploy "$stack"'));
    expect(script).toContain('stack="${ENVIRONMENT}-${layer}"');
    expect(script).toContain('--auto-approve');
  });
});
