/**
 * Deploys or destroys one environment's layers in order, through the pinned cdktf CLI:
 *   npm run deploy -- <environment> [--dry-run]     layers in LAYER_ORDER
 *   npm run destroy -- <environment> [--dry-run]    the same layers in reverse
 * `--dry-run` prints the command instead of running it. The CLI is pinned here rather than installed as a
 * dependency, because installing it downloads binaries (npm ci would then fail without network access).
 */
import { spawnSync } from 'node:child_process';

import { LAYER_ORDER, stackName } from '../lib/layers';
import { configuredEnvironment } from './configured';

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
  const configured = configuredEnvironment(environment);
  if ('problem' in configured) {
    process.stderr.write(`${configured.problem}\n`);
    return configured.exitCode;
  }
  const command = environmentCommand(action, environment);
  if (rest.includes('--dry-run')) {
    process.stdout.write(`${command.join(' ')}\n`);
    return 0;
  }
  return spawnSync(command[0]!, command.slice(1), { stdio: 'inherit' }).status ?? 1;
}

process.exitCode = main(process.argv.slice(2));
