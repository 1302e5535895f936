import { loadEnvironments } from '../../config/load';
import type { Suppression } from './engine';

/** What the check needs to know about one environment. */
export interface EnvironmentSettings {
  readonly name: string;
  readonly production: boolean;
  readonly suppressions: readonly Suppression[];
  /** The configuration file, relative to the working directory, when it came from one. */
  readonly file?: string;
}

/** Environments from the project's configuration files (config/environments by default). */
export function configuredEnvironments(target?: string): EnvironmentSettings[] {
  return loadEnvironments(target).environments.map(({ config, file }) => ({
    name: config.name,
    file,
    production: config.production,
    suppressions: config.suppressions.map((s) => ({ rule: s.rule, resource: s.resource, reason: s.reason })),
  }));
}

/** Stacks are named `<environment>-<layer>`; environment names contain no hyphen. */
export function environmentOfStack(stackName: string): string {
  const dash = stackName.indexOf('-');
  return dash === -1 ? stackName : stackName.slice(0, dash);
}
