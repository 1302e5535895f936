import { type Kind, kindOf, type PlanJson } from './model';

const KINDS: readonly Kind[] = ['create', 'update', 'replace', 'delete', 'read'];

export interface LayerPlan {
  readonly stack: string;
  readonly plan: PlanJson;
}

function counts(plan: PlanJson): Record<Kind, string[]> {
  const byKind = Object.fromEntries(KINDS.map((k) => [k, [] as string[]])) as Record<Kind, string[]>;
  for (const rc of plan.resource_changes ?? []) {
    const kind = kindOf(rc.change.actions);
    if (kind !== undefined) {
      byKind[kind].push(rc.address);
    }
  }
  return byKind;
}

/**
 * A job-summary (and pull-request) table: one row per layer with its counts, then every replacement and
 * destroy by address, since those are what an approver must not miss.
 */
export function planSummary(environment: string, layers: readonly LayerPlan[]): string {
  const lines = [
    `### Terraform plan: ${environment}`,
    '',
    '| layer | create | update | replace | destroy | read |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  const dangerous: string[] = [];
  for (const { stack, plan } of layers) {
    const c = counts(plan);
    lines.push(`| ${stack} | ${c.create.length} | ${c.update.length} | ${c.replace.length} | ${c.delete.length} | ${c.read.length} |`);
    dangerous.push(
      ...c.replace.map((a) => `- **replace** \`${stack}\` \`${a}\``),
      ...c.delete.map((a) => `- **destroy** \`${stack}\` \`${a}\``),
    );
  }
  lines.push('');
  if (dangerous.length > 0) {
    lines.push(`**${dangerous.length} resource(s) replaced or destroyed:**`, '', ...dangerous, '');
  } else {
    lines.push('No resource is replaced or destroyed.', '');
  }
  return `${lines.join('\n')}\n`;
}
