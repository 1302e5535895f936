/**
 * The environment a command-line script was asked for, from the configuration (`GATEWAY_CONFIG`, else
 * config/environments): its configuration, or the line to print and the exit code when it cannot be had.
 */
import { ConfigError, type LoadedEnvironment, loadEnvironments } from '../config/load';

export type Configured = { readonly environment: LoadedEnvironment } | { readonly problem: string; readonly exitCode: 1 | 2 };

export function configuredEnvironment(name: string): Configured {
  let environments: LoadedEnvironment[];
  try {
    environments = loadEnvironments(process.env.GATEWAY_CONFIG || undefined).environments;
  } catch (error) {
    return { problem: error instanceof ConfigError ? error.problems.join('\n') : String(error), exitCode: 1 };
  }
  const found = environments.find((e) => e.config.name === name);
  return found === undefined
    ? {
        problem: `error: unknown environment "${name}"; configured: ${environments.map((e) => e.config.name).join(', ')}`,
        exitCode: 2,
      }
    : { environment: found };
}
