#!/usr/bin/env node
// Benchmark: median wall time and peak RSS of synthesizing every shipped environment (the command `npm run synth`
// runs), over several runs, and the wall time of `npm test`. Prints figures; asserts nothing.
//   npm run bench                 5 synth runs and one test run
//   npm run bench -- --runs 9     more synth runs
//   npm run bench -- --no-test    synth only
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const runsIndex = args.indexOf('--runs');
const runs = runsIndex >= 0 ? Number(args[runsIndex + 1]) : 5;
const withTests = !args.includes('--no-test');

const budgets = { synthSeconds: 2, synthMegabytes: 300, testSeconds: 60 };
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
  if (withTests) {
    const { seconds } = timed('npm', ['test', '--silent'], { CI: 'true' });
    lines.push(`npm test: ${seconds.toFixed(1)} s wall  [budget ${budgets.testSeconds} s]`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
