import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The project's root folder, found from this module's location. Sources run both from their own folders (tests)
 * and bundled into `.build/` (synth), so paths to data files are resolved from the root, not from `__dirname`.
 */
function findRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(`no package.json above ${start}`);
    }
    dir = parent;
  }
  return dir;
}

export const PROJECT_ROOT = findRoot(__dirname);

/** Absolute path of a file or folder given relative to the project root. */
export function projectPath(...segments: string[]): string {
  return join(PROJECT_ROOT, ...segments);
}
