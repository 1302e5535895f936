/**
 * Where a synthesized resource comes from in the repository: the construct line that creates it, the stack line
 * that composes that construct, and the configuration keys the stack reads. cdktf.out is git-ignored, so a finding
 * that names only the synthesized file points at nothing a reviewer can change. Derived from the sources each
 * run (provider imports and `new X(this, 'id'` calls), so it never needs a table kept by hand.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface SourceLine {
  /** Relative to the project root, with forward slashes. */
  readonly file: string;
  readonly line: number;
}

export interface ResourceSource {
  /** The construct line that creates the Terraform resource, when one line matches. */
  readonly created?: SourceLine;
  /** The stack line that composes the construct holding it. */
  readonly composed?: SourceLine;
  /** Top-level configuration keys the stack reads (`network`, `openai`, ...). */
  readonly configKeys: readonly string[];
}

interface Creation extends SourceLine {
  /** The construct id when given as a literal. */
  readonly id: string | undefined;
}

const PROVIDER_IMPORT = /import\s*\{([^}]*)\}\s*from\s*'@cdktf\/provider-(azurerm|azuread)\/lib\/([a-z0-9-]+)'/g;

function typeScriptFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .flatMap((e) => (e.isDirectory() ? typeScriptFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []))
    .sort();
}

/** `new Name(this, 'id'` or `new Name(scope, "id"` with the id literal, or a computed id. */
function creations(text: string, className: string): Array<{ line: number; id: string | undefined }> {
  const found: Array<{ line: number; id: string | undefined }> = [];
  const pattern = new RegExp(`new\\s+${className}\\(\\s*\\w+\\s*,\\s*(?:(['"])([^'"\`]*)\\1|[^,)]+)`, 'g');
  for (const match of text.matchAll(pattern)) {
    found.push({ line: text.slice(0, match.index).split('\n').length, id: match[2] });
  }
  return found;
}

function stackIdLines(text: string, file: string): Map<string, SourceLine> {
  const lines = new Map<string, SourceLine>();
  for (const match of text.matchAll(/new\s+\w+\(\s*this\s*,\s*(['"])([^'"]+)\1/g)) {
    if (!lines.has(match[2]!)) {
      lines.set(match[2]!, { file, line: text.slice(0, match.index).split('\n').length });
    }
  }
  return lines;
}

export class SourceIndex {
  private constructor(
    private readonly byType: ReadonlyMap<string, readonly Creation[]>,
    private readonly stacks: ReadonlyMap<string, { readonly ids: ReadonlyMap<string, SourceLine>; readonly configKeys: readonly string[] }>,
  ) {}

  /** Reads `constructs/` and `stacks/` under the project root. */
  static fromProject(root: string): SourceIndex {
    const byType = new Map<string, Creation[]>();
    const rel = (file: string) => relative(root, file).split('\\').join('/');
    for (const file of [...typeScriptFiles(join(root, 'constructs')), ...typeScriptFiles(join(root, 'stacks'))]) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(PROVIDER_IMPORT)) {
        const [, names, provider, module] = match;
        if (module!.startsWith('data-') || module === 'provider') {
          continue;
        }
        const type = `${provider}_${module!.replace(/-/g, '_')}`;
        for (const spec of names!.split(',')) {
          const local = spec
            .trim()
            .split(/\s+as\s+/)
            .at(-1)
            ?.trim();
          if (!local) {
            continue;
          }
          for (const { line, id } of creations(text, local)) {
            byType.set(type, [...(byType.get(type) ?? []), { file: rel(file), line, id }]);
          }
        }
      }
    }
    const stacks = new Map<string, { ids: Map<string, SourceLine>; configKeys: string[] }>();
    for (const file of typeScriptFiles(join(root, 'stacks'))) {
      const layer = rel(file)
        .replace(/^stacks\//, '')
        .replace(/\.ts$/, '');
      const text = readFileSync(file, 'utf8');
      const keys = [...new Set([...text.matchAll(/\bconfig\.(\w+)/g)].map((m) => m[1]!))].sort();
      stacks.set(layer, { ids: stackIdLines(text, rel(file)), configKeys: keys });
    }
    return new SourceIndex(byType, stacks);
  }

  /** Where the resource of `type` at `constructPath` (`<env>-<layer>/<id>/.../<id>`) is created and composed. */
  locate(type: string, constructPath: string | undefined): ResourceSource {
    const segments = (constructPath ?? '').split('/');
    const layer = segments[0]?.includes('-') ? segments[0].slice(segments[0].indexOf('-') + 1) : undefined;
    const stack = layer === undefined ? undefined : this.stacks.get(layer);
    const leaf = segments.length > 1 ? segments.at(-1) : undefined;
    const candidates = this.byType.get(type) ?? [];
    const exact = candidates.filter((c) => c.id !== undefined && c.id === leaf);
    const inLayer = (list: readonly Creation[]) => (list.length > 1 ? list.filter((c) => c.file === `stacks/${layer}.ts`) : list);
    const chosen = exact.length === 1 ? exact : inLayer(exact).length === 1 ? inLayer(exact) : candidates.length === 1 ? candidates : [];
    const composed = segments.length > 2 ? stack?.ids.get(segments[1]!) : undefined;
    return {
      ...(chosen.length === 1 ? { created: { file: chosen[0]!.file, line: chosen[0]!.line } } : {}),
      ...(composed ? { composed } : {}),
      configKeys: stack?.configKeys ?? [],
    };
  }
}

export function formatSourceLine(source: SourceLine): string {
  return `${source.file}:${source.line}`;
}
