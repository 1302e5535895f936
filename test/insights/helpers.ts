import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { App } from 'cdktf';

import type { EnvironmentConfig } from '../../config/schema/environment';
import { Environment } from '../../lib/environment';
import { DataStack } from '../../stacks/data';
import { EdgeStack } from '../../stacks/edge';
import { GatewayStack } from '../../stacks/gateway';
import { IdentityStack } from '../../stacks/identity';
import { type ArchiveDestination, InsightsStack } from '../../stacks/insights';
import { MonitoringStack } from '../../stacks/monitoring';
import { NetworkStack } from '../../stacks/network';
import { OpenAiStack } from '../../stacks/openai';
import type { StackJson } from '../helpers/synth';

export interface ComposedInsights {
  /** The synthesized insights stack. */
  readonly stack: StackJson;
  /** Warnings annotated on the insights stack and its constructs. */
  readonly warnings: readonly string[];
}

/**
 * One environment composed in deployment order, as stacks/app.ts does, with the insights stack given the data
 * layer (`archive: 'data-stack'`), nothing (`'none'`), or a stand-in storage account id.
 */
export function composeInsights(config: EnvironmentConfig, archive: 'data-stack' | 'none' | ArchiveDestination): ComposedInsights {
  const dir = mkdtempSync(join(tmpdir(), 'aoai-gateway-insights-'));
  try {
    const app = new App({ outdir: dir, stackTraces: false });
    const environment = new Environment(config);
    const identity = new IdentityStack(app, environment);
    const monitoring = new MonitoringStack(app, environment);
    const network = new NetworkStack(app, environment, { monitoring });
    const data = new DataStack(app, environment, { monitoring, network });
    const openai = new OpenAiStack(app, environment, { monitoring, network, data });
    const gateway = new GatewayStack(app, environment, { identity, monitoring, network, data, openai });
    const edge = new EdgeStack(app, environment, { monitoring, network, data, gateway });
    const destination = archive === 'data-stack' ? data : archive === 'none' ? undefined : archive;
    const insights = new InsightsStack(app, environment, { monitoring, openai, gateway, edge, data: destination });
    app.synth();
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
      stacks: Record<string, { synthesizedStackPath: string }>;
    };
    const entry = manifest.stacks[insights.node.id];
    if (entry === undefined) {
      throw new Error(`no synthesized stack ${insights.node.id}`);
    }
    const warnings = insights.node
      .findAll()
      .flatMap((node) => node.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data)));
    return { stack: JSON.parse(readFileSync(join(dir, entry.synthesizedStackPath), 'utf8')) as StackJson, warnings };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
