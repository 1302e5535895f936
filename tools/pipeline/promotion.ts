/**
 * The promotion chain: which environments the pipeline deploys, in which order, and on which runners. The
 * environments are the configuration files (config/environments/); config/promotion.yaml only orders them, so a
 * new environment needs its file and one line there, never a workflow edit.
 */
import { readFileSync } from 'node:fs';

import { parseDocument } from 'yaml';
import { z } from 'zod';

import { ConfigError, loadEnvironments } from '../../config/load';
import { LAYER_ORDER } from '../../lib/layers';
import { projectPath } from '../../lib/paths';
import { identityForLayer } from './identities';

export const PROMOTION_FILE = projectPath('config', 'promotion.yaml');

const promotionSchema = z.strictObject({
  stages: z
    .array(
      z.strictObject({
        environment: z.string().regex(/^[a-z][a-z0-9]*$/, { message: 'an environment name' }),
        hostedRunner: z.boolean().default(false),
      }),
    )
    .min(1),
});

export interface PipelineStage {
  readonly environment: string;
  readonly production: boolean;
  /** Repository variable holding the runner selection (JSON for `runs-on`: a label list or `{"group": ...}`). */
  readonly runnerVariable: string;
  /** Whether a GitHub-hosted runner may be used when that variable is unset. */
  readonly hostedRunner: boolean;
  /** GitHub environment of the plan job: no reviewers, holds the plan identity. */
  readonly planEnvironment: string;
  /** GitHub environment of the apply job: its required reviewers approve the plan. */
  readonly applyEnvironment: string;
  /** The environment's state backend; a pipeline can plan against local state but must not apply with it. */
  readonly stateBackend: 'local' | 'azurerm' | 'remote';
}

export interface PipelineLayer {
  readonly layer: string;
  /** Variable naming the client id the layer is applied with. */
  readonly clientIdVariable: string;
}

export interface PipelineMatrix {
  readonly stages: readonly PipelineStage[];
  readonly layers: readonly PipelineLayer[];
}

/** Stages in promotion order, checked against the environment files: one line per problem. */
export function loadPromotion(file = PROMOTION_FILE, environmentsDir?: string): PipelineStage[] {
  const shown = 'config/promotion.yaml';
  const parsed = promotionSchema.safeParse(parseDocument(readFileSync(file, 'utf8')).toJS());
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${shown}: ${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  const environments = new Map(loadEnvironments(environmentsDir).environments.map((e) => [e.config.name, e]));
  const problems: string[] = [];
  const seen = new Set<string>();
  parsed.data.stages.forEach((stage, index) => {
    if (!environments.has(stage.environment)) {
      problems.push(`${shown}: stages.${index}.environment: expected an environment of config/environments/, found "${stage.environment}"`);
    }
    if (seen.has(stage.environment)) {
      problems.push(`${shown}: stages.${index}.environment: "${stage.environment}" is listed twice`);
    }
    seen.add(stage.environment);
  });
  for (const [name, env] of environments) {
    if (!seen.has(name)) {
      problems.push(`${shown}: stages: ${env.file} (environment "${name}") is in no stage: add it where it belongs in the order`);
    }
  }
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return parsed.data.stages.map((stage) => ({
    environment: stage.environment,
    production: environments.get(stage.environment)!.config.production,
    runnerVariable: `RUNNER_${stage.environment.toUpperCase()}`,
    hostedRunner: stage.hostedRunner,
    planEnvironment: `${stage.environment}-plan`,
    applyEnvironment: stage.environment,
    stateBackend: environments.get(stage.environment)!.config.state.backend,
  }));
}

/** What the workflows iterate over: the promotion chain and the layers in dependency order. */
export function pipelineMatrix(file?: string, environmentsDir?: string): PipelineMatrix {
  return {
    stages: loadPromotion(file, environmentsDir),
    layers: LAYER_ORDER.map((layer) => ({ layer, clientIdVariable: identityForLayer(layer).variable })),
  };
}
