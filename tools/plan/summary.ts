import { assess, ATTENTION_TITLES, type AttentionItem, sortAttention } from '../diff/attention';
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

/** The synth diff's attention rules, applied to what Terraform will actually do. */
export function planAttention(stack: string, plan: PlanJson): AttentionItem[] {
  const items: AttentionItem[] = [];
  for (const rc of plan.resource_changes ?? []) {
    const kind = kindOf(rc.change.actions);
    if (kind === undefined || kind === 'read' || rc.mode === 'data' || rc.type === undefined) {
      continue;
    }
    const paths = (rc.change.replace_paths ?? []).map((p) => p.filter((k) => typeof k === 'string').join('.'));
    items.push(
      ...assess({
        stack,
        address: rc.address,
        type: rc.type,
        status: kind === 'create' ? 'added' : kind === 'delete' ? 'removed' : 'changed',
        before: rc.change.before ?? undefined,
        after: rc.change.after ?? undefined,
        ...(kind === 'replace' ? { replacedBy: paths.length > 0 ? paths : ['an attribute the provider cannot update in place'] } : {}),
      }),
    );
  }
  return items;
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
  const attention = sortAttention(layers.flatMap(({ stack, plan }) => planAttention(stack, plan)));
  if (attention.length > 0) {
    lines.push(`**Attention: ${attention.length} item(s)**`, '');
    for (const item of attention) {
      lines.push(`- ${ATTENTION_TITLES[item.category].replace(/ \(.*$/, '')}: \`${item.stack}\` \`${item.address}\`: ${item.reason}`);
    }
    lines.push('');
  }
  if (dangerous.length > 0) {
    lines.push(`**${dangerous.length} resource(s) replaced or destroyed:**`, '', ...dangerous, '');
  } else {
    lines.push('No resource is replaced or destroyed.', '');
  }
  return `${lines.join('\n')}\n`;
}
