import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

import { projectPath } from '../../lib/paths';

/** Every TypeScript file under a folder of the project, relative to the project root. */
function sources(folder: string): string[] {
  return (readdirSync(projectPath(folder), { recursive: true }) as string[])
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(folder, file));
}

/** The project folder each relative import of a file lands in, with whether the import is type-only. */
function imports(file: string): { readonly target: string; readonly typeOnly: boolean }[] {
  const text = readFileSync(projectPath(file), 'utf8');
  return [...text.matchAll(/^import\s+(type\s+)?[^'";]*?from\s+'(\.[^']+)';/gms)].map((match) => ({
    target: relative(projectPath(), resolve(projectPath(file), '..', match[2]!)).split('/')[0]!,
    typeOnly: match[1] !== undefined,
  }));
}

describe('layering', () => {
  it('lib/ is the ground floor: it imports nothing above it but the configuration types it models', () => {
    const upward = sources('lib').flatMap((file) =>
      imports(file)
        .filter(({ target, typeOnly }) => target !== 'lib' && !(typeOnly && target === 'config'))
        .map(({ target }) => `${file} imports from ${target}/`),
    );
    expect(sources('lib').length).toBeGreaterThan(20);
    expect(upward).toEqual([]);
  });
});
