import { rmSync } from 'node:fs';

/** Removes the run's temporary folder, and with it every file the tests left in it. */
export default function globalTeardown(): void {
  const run = process.env.AOAI_TEST_RUN_DIR;
  if (run) {
    rmSync(run, { recursive: true, force: true });
  }
}
