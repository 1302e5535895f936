import type { EnvironmentConfig } from '../config/schema/environment';
import { type Layer, stackName } from './layers';
import { Naming, namingContextOf } from './naming';

/**
 * One validated environment as constructs see it: its configuration, its naming, and the tags every resource
 * carries. Built once per environment from configuration; constructs never read files or process state.
 */
export class Environment {
  readonly naming: Naming;

  constructor(readonly config: EnvironmentConfig) {
    this.naming = new Naming(namingContextOf(config));
  }

  get name(): string {
    return this.config.name;
  }

  get production(): boolean {
    return this.config.production;
  }

  get location(): EnvironmentConfig['azure']['location'] {
    return this.config.azure.location;
  }

  /** Stack names are `<environment>-<layer>`: the unit a pipeline plans and applies. */
  stackName(layer: Layer): string {
    return stackName(this.config.name, layer);
  }

  /** Tags for every taggable resource of a layer: configuration first, then the ones the project owns. */
  tags(layer: Layer): Record<string, string> {
    const tags: Record<string, string> = {
      ...this.config.tags,
      'aoai-gateway:environment': this.config.name,
      'aoai-gateway:layer': layer,
      'aoai-gateway:managed-by': 'cdktf',
    };
    return Object.fromEntries(Object.entries(tags).sort(([a], [b]) => a.localeCompare(b)));
  }
}
