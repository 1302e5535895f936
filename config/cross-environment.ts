import { basename, extname } from 'node:path';

import { isCidr, overlaps, parseCidr } from '../lib/cidr';
import type { EnvironmentConfig } from './schema/environment';

/** One validated environment and the file it came from. */
export interface EnvironmentFile {
  readonly file: string;
  readonly config: EnvironmentConfig;
}

/**
 * Rules that no single file can break alone: they hold across the whole set of environments. Files are compared
 * in the loader's order (sorted by name) and a problem is reported on the later file, naming the earlier one.
 */
export function crossEnvironmentProblems(environments: readonly EnvironmentFile[]): string[] {
  const misnamed = fileNameProblems(environments);
  // A file whose name disagrees is reported once, by that rule, not again as a duplicate of the one it copied.
  const named = environments.filter((e) => stemOf(e.file) === e.config.name);
  return [...misnamed, ...uniquenessProblems(named), ...addressSpaceProblems(environments)];
}

function stemOf(file: string): string {
  return basename(file, extname(file));
}

/**
 * Stacks, the pipeline and reviewers all find an environment by its file name, so the file and the `name` inside
 * it are one fact. The file is the one that is wrong: it is what was copied.
 */
function fileNameProblems(environments: readonly EnvironmentFile[]): string[] {
  return environments.flatMap(({ file, config }) => {
    const stem = stemOf(file);
    return stem === config.name
      ? []
      : [
          `${file}: name: expected ${JSON.stringify(stem)} (the file's name, by which stacks and the pipeline find it), found ${JSON.stringify(config.name)}`,
        ];
  });
}

/** Values two environments may never share: a name (its stacks and resources) and a public host name. */
function uniquenessProblems(environments: readonly EnvironmentFile[]): string[] {
  const unique: readonly { field: string; value: (c: EnvironmentConfig) => string; what: string }[] = [
    { field: 'name', value: (c) => c.name, what: 'an environment name' },
    { field: 'applicationGateway.hostName', value: (c) => c.applicationGateway.hostName.toLowerCase(), what: 'a public host name' },
  ];
  return unique.flatMap(({ field, value, what }) => {
    const seen = new Map<string, string>();
    return environments.flatMap(({ file, config }) => {
      const key = value(config);
      const first = seen.get(key);
      seen.set(key, first ?? file);
      return first ? [`${file}: ${field}: expected ${what} not used by ${first}, found ${JSON.stringify(key)}`] : [];
    });
  });
}

/**
 * Environments are peered, share DNS and firewall rules, and reach one another's runners, so their address spaces
 * never overlap; a range containing another environment's (10.0.0.0/8) is an overlap too. Each overlapping pair is
 * one line, on the range that overlaps more environments (the later file when even), naming the other.
 */
function addressSpaceProblems(environments: readonly EnvironmentFile[]): string[] {
  const ranges = environments.flatMap(({ file, config }, environment) =>
    config.network.addressSpace.flatMap((text, index) => {
      const cidr = parseCidr(text);
      return isCidr(cidr) ? [{ file, environment, index, cidr }] : [];
    }),
  );
  const pairs = ranges.flatMap((a, i) =>
    ranges.slice(i + 1).flatMap((b) => (a.environment !== b.environment && overlaps(a.cidr, b.cidr) ? [[a, b] as const] : [])),
  );
  const count = (range: (typeof ranges)[number]) => pairs.filter(([a, b]) => a === range || b === range).length;
  return pairs.map(([a, b]) => {
    const [other, blamed] = count(a) > count(b) ? [b, a] : [a, b];
    return `${blamed.file}: network.addressSpace[${blamed.index}]: expected an address range that does not overlap ${other.cidr.text} (${other.file}), found ${JSON.stringify(blamed.cidr.text)}`;
  });
}
