// `npm test`: the static checks side by side, then Jest. ESLint and Prettier each use one core for several seconds
// (the type-check takes two or three); run one after the other they would leave the second core idle. Each one's
// output is printed whole, in a fixed order, once all three have ended, so a failure reads the same as in sequence.
//
// The shipped environments' synth, which the test files read (test/global-setup.ts), runs beside them as
// `npm run synth` does: in Jest's global setup it would run alone on one core before any test starts.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
/** A package's command-line script, by its path inside the package (not every package exports its bin). */
const bin = (pkg, path) => join(dirname(require.resolve(`${pkg}/package.json`)), path);

// Every tool keeps a cache: the TypeScript build info in .build/, the others in node_modules/.cache/. AOAI_TEST_CACHE
// names a folder to keep all four in instead; `npm run bench` points it at an empty one to time a fresh clone.
const cacheRoot = process.env.AOAI_TEST_CACHE;
function cache(tool, file) {
  if (!cacheRoot) {
    return undefined;
  }
  mkdirSync(join(cacheRoot, tool), { recursive: true });
  return join(cacheRoot, tool, file);
}
const option = (name, value) => (value === undefined ? [] : [name, value]);

const STATIC_CHECKS = [
  [
    'tsc --noEmit',
    // TypeScript 7, the native compiler: the same checks in a fifth of the time of 5.9, which stays for ESLint's
    // parser and ts-node (they need its JavaScript API).
    bin('typescript-7', 'bin/tsc'),
    ['--noEmit', '-p', '.', ...option('--tsBuildInfoFile', cache('tsc', 'tsconfig.tsbuildinfo'))],
  ],
  [
    'eslint',
    bin('eslint', 'bin/eslint.js'),
    ['--cache', '--cache-location', cache('eslint', 'cache.json') ?? 'node_modules/.cache/eslint/', '--max-warnings', '0', '.'],
  ],
  [
    'prettier --check',
    bin('prettier', 'bin/prettier.cjs'),
    ['--cache', ...option('--cache-location', cache('prettier', 'cache.json')), '--check', '.'],
  ],
];

function run(name, script, args, env = process.env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ name, code, output }));
  });
}

const shipped = mkdtempSync(join(tmpdir(), 'aoai-gateway-shipped-'));
process.on('exit', () => rmSync(shipped, { recursive: true, force: true }));
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => process.exit(1));
}
const [synth, ...results] = await Promise.all([
  // The shipped environments, whatever GATEWAY_CONFIG names in the caller's shell (the global setup ignores it too).
  run('synth', fileURLToPath(new URL('run.mjs', import.meta.url)), ['main.ts'], {
    ...process.env,
    GATEWAY_CONFIG: '',
    CDKTF_OUTDIR: shipped,
  }),
  ...STATIC_CHECKS.map(([name, script, args]) => run(name, script, args)),
]);
for (const { name, code, output } of results) {
  process.stdout.write(`> ${name}: ${code === 0 ? 'passed' : `failed (exit ${code})`}\n${code === 0 ? '' : output}`);
}
if (results.some(({ code }) => code !== 0)) {
  process.exit(1);
}

const jestArgs = ['--ci', ...option('--cacheDirectory', cache('jest', '.')), ...process.argv.slice(2)];
// A synth that failed is left to the global setup, which synthesizes again and reports the failure as a test run does.
const env = synth.code === 0 ? { ...process.env, AOAI_TEST_SHIPPED_SYNTH: shipped } : process.env;
const jest = spawn(process.execPath, [bin('jest', 'bin/jest.js'), ...jestArgs], { stdio: 'inherit', env });
jest.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
