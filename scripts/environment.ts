/**
 * Deploys or destroys one environment's layers in order, through the pinned cdktf CLI:
 *   npm run deploy -- <environment> [--dry-run]     layers in LAYER_ORDER
 *   npm run destroy -- <environment> [--dry-run]    the same layers in reverse
 * `--dry-run` prints the command instead of running it. The CLI is pinned here rather than installed as a
 * dependency, because installing it downloads binaries (npm ci would then fail without network access).
 */
import { spawnSync } from 'node:child_process';

import { ConfigError, loadEnvironments } from '../config/load';
import { LAYER_ORDER, stackName } from '../lib/layers';

export const CDKTF_CLI = 'cdktf-cli@0.21.0';

/** The command that applies (or destroys) every layer of an environment, in dependency order. */
export function environmentCommand(action: 'deploy' | 'destroy', environment: string): string[] {
  const stacks = LAYER_ORDER.map((layer) => stackName(environment, layer));
  return ['npx', '--yes', CDKTF_CLI, action, ...(action === 'destroy' ? [...stacks].reverse() : stacks)];
}

function main(argv: readonly string[]): number {
  const [action, environment, ...rest] = argv;
  if ((action !== 'deploy' && action !== 'destroy') || !environment || rest.some((a) => a !== '--dry-run')) {
    process.stderr.write('usage: npm run deploy|destroy -- <environment> [--dry-run]\n');
    return 2;
  }
  let names: string[];
  try {
    names = loadEnvironments(process.env.GATEWAY_CONFIG || undefined).environments.map((e) => e.config.name);
  } catch (error) {
    process.stderr.write(`${error instanceof ConfigError ? error.problems.join('\n') : String(error)}\n`);
    return 1;
  }
  if (!names.includes(environment)) {
    process.stderr.write(`error: unknown environment "${environment}"; configured: ${names.join(', ')}\n`);
    return 2;
  }
  const command = environmentCommand(action, environment);
  if (rest.includes('--dry-run')) {
    process.stdout.write(`${command.join(' ')}\n`);
    return 0;
  }
  return spawnSync(command[0]!, command.slice(1), { stdio: 'inherit' }).status ?? 1;
}

process.exitCode = main(process.argv.slice(2));
