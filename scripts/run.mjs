#!/usr/bin/env node
// Runs a TypeScript entry point without type-checking: esbuild bundles the project's own sources (dependencies
// stay external, loaded from node_modules) into .build/, then Node runs the bundle. Type-checking happens once,
// in `npm test`, with `tsc --noEmit`.
//
// The bundle is rebuilt only when one of the files it was built from changed (size or modification time), so a
// repeated synth costs only the synth. Source maps are off: cdktf captures a stack trace for every token it
// creates, and mapping each one costs more than the synth itself. AOAI_DEBUG=1 turns them on, for a mapped stack
// trace of an unexpected error.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  process.stderr.write('usage: node scripts/run.mjs <entry.ts> [args...]\n');
  process.exit(2);
}
const debug = process.env.AOAI_DEBUG === '1';
const outdir = join(root, '.build');
mkdirSync(outdir, { recursive: true });
const name = `${basename(entry).replace(/\.ts$/, '')}-${entry.replace(/[^\w]+/g, '_')}${debug ? '-debug' : ''}`;
const outfile = join(outdir, `${name}.js`);
const inputsFile = join(outdir, `${name}.inputs.json`);

/** Size and modification time of every input of the last build; undefined when any changed or is gone. */
function unchanged() {
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(inputsFile, 'utf8'));
    statSync(outfile);
  } catch {
    return false;
  }
  return Object.entries(inputs).every(([file, seen]) => {
    try {
      const now = statSync(join(root, file));
      return now.size === seen.size && now.mtimeMs === seen.mtimeMs;
    } catch {
      return false;
    }
  });
}

/** Writes aside, then renames: concurrent runs (parallel test workers) never load a half-written file. */
function writeAtomically(file, contents) {
  const staging = `${file}.${process.pid}.tmp`;
  writeFileSync(staging, contents);
  renameSync(staging, file);
}

if (!unchanged()) {
  const { buildSync } = await import('esbuild');
  const result = buildSync({
    entryPoints: [resolve(root, entry)],
    absWorkingDir: root,
    write: false,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    outfile,
    logLevel: 'warning',
    sourcemap: debug ? 'inline' : false,
    metafile: true,
  });
  const inputs = Object.fromEntries(
    Object.keys(result.metafile.inputs).map((file) => {
      const { size, mtimeMs } = statSync(join(root, file));
      return [file, { size, mtimeMs }];
    }),
  );
  writeAtomically(outfile, result.outputFiles[0].contents);
  writeAtomically(inputsFile, JSON.stringify(inputs));
}
process.argv = [process.argv[0], outfile, ...args];
if (debug) {
  process.setSourceMapsEnabled(true);
}
createRequire(import.meta.url)(outfile);
