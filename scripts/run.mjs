#!/usr/bin/env node
// Runs a TypeScript entry point without type-checking: esbuild bundles the project's own sources (dependencies
// stay external, loaded from node_modules) into .build/, then Node runs the bundle. Type-checking happens once,
// in `npm test`, with `tsc --noEmit`.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { buildSync } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  process.stderr.write('usage: node scripts/run.mjs <entry.ts> [args...]\n');
  process.exit(2);
}
const outdir = join(root, '.build');
mkdirSync(outdir, { recursive: true });
const outfile = join(outdir, `${basename(entry).replace(/\.ts$/, '')}-${entry.replace(/[^\w]+/g, '_')}.js`);
const result = buildSync({
  entryPoints: [resolve(root, entry)],
  write: false,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  outfile,
  logLevel: 'warning',
  sourcemap: 'inline',
});
// Concurrent runs (parallel test workers) must never load a half-written bundle: write aside, then rename.
const staging = `${outfile}.${process.pid}.tmp`;
writeFileSync(staging, result.outputFiles[0].contents);
renameSync(staging, outfile);
process.argv = [process.argv[0], outfile, ...args];
process.setSourceMapsEnabled(true);
createRequire(import.meta.url)(outfile);
