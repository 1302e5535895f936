#!/usr/bin/env node
// Benchmark: median wall time and peak RSS of synthesizing every shipped environment (the command `npm run synth`
// runs), over several runs, and the wall time of `npm test` (with empty tool caches, then warm). Prints figures;
// asserts nothing.
//   npm run bench                 5 synth runs and one test run
//   npm run bench -- --runs 9     more synth runs
//   npm run bench -- --no-test    synth only
//   npm run bench -- --no-scale   skip the scale figures (30 instances in one environment, 10 environments)
//   npm run bench -- --no-anchor  skip the naive cdktf anchor (root provider import, type-checking ts-node)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const runsIndex = args.indexOf('--runs');
const runs = runsIndex >= 0 ? Number(args[runsIndex + 1]) : 5;
const withTests = !args.includes('--no-test');
const withScale = !args.includes('--no-scale');
const withAnchor = !args.includes('--no-anchor');

const budgets = { synthSeconds: 2, synthMegabytes: 300, freshTestSeconds: 45 };
const work = mkdtempSync(join(tmpdir(), 'aoai-bench-'));

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function timed(command, commandArgs, env = {}) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, commandArgs, { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    throw new Error(`${command} ${commandArgs.join(' ')} exited with ${result.status}`);
  }
  return { seconds, stdout: result.stdout };
}

const anchorDirs = [];

/** One synth run with its wall time and peak RSS (MB). */
function measured(label, commandArgs, env) {
  const rssFile = join(work, `rss-${label}`);
  const { seconds } = timed(process.execPath, ['--require', join(root, 'scripts', 'rss-probe.cjs'), ...commandArgs], {
    ...env,
    AOAI_BENCH_RSS_FILE: rssFile,
  });
  return { seconds, megabytes: Number(readFileSync(rssFile, 'utf8')) / 1024 / 1024 };
}

/** Environment files for the scale runs, derived from the shipped test environment (YAML is JSON's superset). */
function scaleConfigs() {
  const base = readFileSync(join(root, 'config', 'environments', 'test.yaml'), 'utf8');
  const many = join(work, 'ten-environments');
  mkdirSync(many);
  for (let i = 0; i < 10; i++) {
    const name = `env${i}`;
    const text = base
      .replace(/^name: test$/m, `name: ${name}`)
      .replace(/^ {2}environment: test$/m, `  environment: ${name}`)
      .replaceAll('10.20.', `10.${100 + i}.`)
      .replace('aoai-test.contoso.com', `aoai-${name}.contoso.com`)
      .replace(/^# yaml-language-server.*$/m, '');
    writeFileSync(join(many, `${name}.yaml`), text);
  }
  // Thirty instances in one environment: the test environment's first instance, repeated across regions.
  const wide = join(work, 'thirty-instances');
  mkdirSync(wide);
  const regions = ['swedencentral', 'francecentral', 'germanywestcentral', 'northeurope', 'westeurope', 'uksouth'];
  const instance = /^ {4}- name: primary\n([\s\S]*?)(?=^ {4}- name: |^apiManagement:)/m.exec(base);
  const instances = Array.from(
    { length: 30 },
    (_, i) =>
      `    - name: i${String(i).padStart(2, '0')}\n${instance[1].replace(/location: \w+/, `location: ${regions[i % regions.length]}`)}`,
  ).join('');
  const text = base
    .replace(/^ {2}instances:\n[\s\S]*?(?=^apiManagement:)/m, `  instances:\n${instances}`)
    .replace(/^# yaml-language-server.*$/m, '');
  writeFileSync(join(wide, 'test.yaml'), text);
  return { many, wide };
}

/** A cdktf app written the way most start: the provider package's root import, run by type-checking ts-node. */
function naiveAnchor() {
  // Inside the project, so that the app resolves cdktf and the provider from node_modules like any user's app.
  const dir = join(root, '.build', `bench-anchor-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  anchorDirs.push(dir);
  const resources = Array.from(
    { length: 10 },
    (_, i) =>
      `new azurerm.resourceGroup.ResourceGroup(stack, 'rg${i}', { name: 'rg-${i}', location: 'swedencentral' });\n` +
      `new azurerm.storageAccount.StorageAccount(stack, 'st${i}', { name: 'stanchor${i}', resourceGroupName: 'rg-${i}', location: 'swedencentral', accountTier: 'Standard', accountReplicationType: 'LRS' });`,
  ).join('\n');
  writeFileSync(
    join(dir, 'anchor.ts'),
    `import { App, TerraformStack } from 'cdktf';\nimport * as azurerm from '@cdktf/provider-azurerm';\n` +
      `const app = new App({ outdir: process.env.CDKTF_OUTDIR });\nconst stack = new TerraformStack(app, 'anchor');\n` +
      `new azurerm.provider.AzurermProvider(stack, 'azurerm', { features: [{}] });\n${resources}\napp.synth();\n`,
  );
  return join(dir, 'anchor.ts');
}

try {
  const times = [];
  const peaks = [];
  for (let i = 0; i < runs; i++) {
    const rssFile = join(work, `rss-${i}`);
    const { seconds } = timed(
      process.execPath,
      ['--require', join(root, 'scripts', 'rss-probe.cjs'), join(root, 'scripts', 'run.mjs'), 'main.ts'],
      { CDKTF_OUTDIR: join(work, `out-${i}`), AOAI_BENCH_RSS_FILE: rssFile },
    );
    times.push(seconds);
    peaks.push(Number(readFileSync(rssFile, 'utf8')) / 1024 / 1024);
  }
  const synthSeconds = median(times);
  const synthMegabytes = Math.max(...peaks);
  const lines = [
    `synth (all shipped environments, ${runs} runs): median ${synthSeconds.toFixed(2)} s wall` +
      ` (min ${Math.min(...times).toFixed(2)}, max ${Math.max(...times).toFixed(2)}), peak RSS ${synthMegabytes.toFixed(0)} MB` +
      `  [budget ${budgets.synthSeconds} s, ${budgets.synthMegabytes} MB]`,
  ];
  if (withAnchor) {
    const anchor = naiveAnchor();
    const tsNode = join(root, 'node_modules', 'ts-node', 'dist', 'bin.js');
    const naive = measured('anchor', [tsNode, '--project', join(root, 'tsconfig.json'), anchor], {
      CDKTF_OUTDIR: join(work, 'out-anchor'),
    });
    lines.push(
      `naive anchor (root provider import, type-checking ts-node, 21 resources): ${naive.seconds.toFixed(2)} s, ${naive.megabytes.toFixed(0)} MB;` +
        ` synth is ${(synthSeconds / naive.seconds).toFixed(2)}x its time and ${(synthMegabytes / naive.megabytes).toFixed(2)}x its memory` +
        `  [goal 0.15x, 0.20x]`,
    );
  }
  if (withScale) {
    const { many, wide } = scaleConfigs();
    for (const [label, config] of [
      ['10 environments', many],
      ['30 Azure OpenAI instances in one environment', wide],
    ]) {
      const run = measured(label.replace(/\W+/g, '-'), [join(root, 'scripts', 'run.mjs'), 'main.ts'], {
        GATEWAY_CONFIG: config,
        CDKTF_OUTDIR: join(work, `out-${label.replace(/\W+/g, '-')}`),
      });
      lines.push(`synth of ${label}: ${run.seconds.toFixed(2)} s, ${run.megabytes.toFixed(0)} MB`);
    }
  }
  if (withTests) {
    // First as on a fresh clone (every tool's cache empty: scripts/test.mjs), then with the caches as they are.
    const cold = timed('npm', ['test', '--silent'], { CI: 'true', AOAI_TEST_CACHE: join(work, 'test-cache') });
    lines.push(`npm test, empty tool caches (a fresh clone): ${cold.seconds.toFixed(1)} s wall  [goal ${budgets.freshTestSeconds} s]`);
    const warm = timed('npm', ['test', '--silent'], { CI: 'true' });
    lines.push(`npm test, caches as they are: ${warm.seconds.toFixed(1)} s wall`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
  for (const dir of anchorDirs) {
    rmSync(dir, { recursive: true, force: true });
  }
}
