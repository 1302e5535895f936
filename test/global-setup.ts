import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs once before every test file. Two things every suite shares:
 * - a temporary folder for the whole run: workers inherit `TMPDIR`, so every file any test (or cdktf's Testing
 *   helpers) writes to the system's temporary directory lands in it, and the teardown removes it all;
 * - the shipped environments synthesized once, which `synthShipped()` reads instead of synthesizing per file.
 */
export default function globalSetup(): void {
  const run = mkdtempSync(join(tmpdir(), 'aoai-gateway-tests-'));
  process.env.AOAI_TEST_RUN_DIR = run;
  process.env.TMPDIR = run;
  // `npm test` synthesizes them beside its static checks, as `npm run synth` does, and names the folder here.
  const given = process.env.AOAI_TEST_SHIPPED_SYNTH;
  if (given) {
    process.env.AOAI_TEST_SHIPPED_DIR = given;
    return;
  }
  const shipped = join(run, 'shipped');
  mkdirSync(shipped);
  // Loaded here, after TMPDIR points at the run folder, so that nothing the synth writes escapes it. Jest skips the
  // teardown when the setup fails (a source that no longer synthesizes), so the folder goes with the failure.
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { writeShippedSynth } = require('./helpers/synth') as typeof import('./helpers/synth');
    writeShippedSynth(shipped);
  } catch (error) {
    rmSync(run, { recursive: true, force: true });
    throw error;
  }
  process.env.AOAI_TEST_SHIPPED_DIR = shipped;
}
