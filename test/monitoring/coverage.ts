/**
 * Diagnostics everywhere: every resource the project deploys that Azure Monitor can collect logs or metrics from
 * has a diagnostic setting. Sources: the resource log categories index
 * (https://learn.microsoft.com/azure/azure-monitor/reference/supported-logs/logs-index) and each type's supported
 * metrics page ("DS Export" column).
 */
import { CLASSIFICATIONS, type Classifications } from '../../lib/azure/diagnostic-coverage';
import type { Attributes, Synthesized } from '../helpers/synth';
import { allResources } from '../helpers/synth';

export interface CoverageReport {
  /** Resource types (or `azapi_resource <ARM type>`) nobody has classified yet. */
  readonly unclassified: readonly string[];
  /** `<stack>:<construct path without the environment prefix><target suffix>` of each resource lacking a setting. */
  readonly missing: readonly string[];
}

function constructPath(stack: string, attributes: Attributes): string {
  const meta = attributes['//'] as { metadata?: { path?: string } } | undefined;
  return (meta?.metadata?.path ?? `${stack}/?`).replace(/^[a-z0-9]+-/, '');
}

/** The environment part of a stack name (`prod-network` -> `prod`). */
function environmentOf(stack: string): string {
  return stack.split('-')[0] ?? stack;
}

/** Which resources supporting diagnostic settings have none, and which types are not classified. */
export function diagnosticCoverage(synth: Synthesized, classifications: Classifications = CLASSIFICATIONS): CoverageReport {
  const resources = allResources(synth);
  const settings = resources
    .filter((r) => r.type === 'azurerm_monitor_diagnostic_setting')
    .map((r) => ({ stack: r.stack, target: String(r.attributes['target_resource_id']) }));
  const unclassified = new Set<string>();
  const missing: string[] = [];
  for (const resource of resources) {
    const isAzapi = resource.type === 'azapi_resource' || resource.type === 'azapi_update_resource';
    const armType = isAzapi ? (String(resource.attributes['type'] ?? '').split('@')[0] ?? '') : '';
    const classification = isAzapi ? classifications.armTypes[armType] : classifications.resourceTypes[resource.type];
    if (classification === undefined) {
      unclassified.add(isAzapi ? `${resource.type} ${armType}` : resource.type);
      continue;
    }
    if (classification.kind !== 'required') {
      continue;
    }
    // The id appears as a reference within the stack, or through another stack's remote state output.
    const local = `\${${resource.type}.${resource.name}.id}`;
    const crossStackOutput = `.outputs.cross-stack-output-${resource.type}${resource.name}id}`;
    for (const suffix of classification.targets) {
      const found = settings.some(
        (s) =>
          (s.stack === resource.stack && s.target === `${local}${suffix}`) ||
          (environmentOf(s.stack) === environmentOf(resource.stack) &&
            s.target.includes(crossStackOutput) &&
            s.target.endsWith(`}${suffix}`)),
      );
      if (!found) {
        missing.push(`${resource.stack}:${constructPath(resource.stack, resource.attributes)}${suffix}`);
      }
    }
  }
  return { unclassified: [...unclassified].sort(), missing: missing.sort() };
}

/** A coverage entry without its environment, for lists that hold for every environment. */
export function withoutEnvironment(entry: string): string {
  return entry.replace(/^[a-z0-9]+-[a-z]+:/, '');
}
