/**
 * What a reviewer must see first: resources Terraform will replace or destroy, protected resources touched, and
 * access that becomes wider. Judged from the synthesized configuration alone, so it errs on the side of showing.
 */
import type { Resource } from '../check/model';
import { isInternetSource, nsgRules, parsePortRange } from '../check/network';
import { isRecord } from '../check/values';

export type AttentionCategory = 'replaced' | 'destroyed' | 'protected' | 'access-widened';

export const ATTENTION_CATEGORIES: readonly AttentionCategory[] = ['replaced', 'destroyed', 'protected', 'access-widened'];

export const ATTENTION_TITLES: Readonly<Record<AttentionCategory, string>> = {
  replaced: 'Resources replaced (destroyed, then created again)',
  destroyed: 'Resources destroyed',
  protected: 'Protected resources touched (prevent_destroy, data stores, identities, DNS)',
  'access-widened': 'Access widened (network rules, role assignments, public access)',
};

export interface AttentionItem {
  readonly category: AttentionCategory;
  readonly stack: string;
  readonly address: string;
  readonly constructPath?: string;
  readonly reason: string;
}

/**
 * Types whose loss loses data or identity: data stores (secrets, blobs, logs), managed identities and the role
 * assignments that name them, Entra ID groups, and DNS (private endpoints resolve through it).
 */
export const PROTECTED_TYPES: ReadonlySet<string> = new Set([
  'azurerm_key_vault',
  'azurerm_key_vault_certificate',
  'azurerm_key_vault_secret',
  'azurerm_key_vault_key',
  'azurerm_storage_account',
  'azurerm_storage_container',
  'azurerm_log_analytics_workspace',
  'azurerm_application_insights',
  'azurerm_cognitive_account',
  'azurerm_user_assigned_identity',
  'azuread_group',
  'azuread_application',
  'azuread_service_principal',
  'azurerm_dns_zone',
  'azurerm_private_dns_zone',
  'azurerm_private_dns_a_record',
  'azurerm_private_dns_zone_virtual_network_link',
]);

function preventsDestroy(value: unknown): boolean {
  const lifecycle = isRecord(value) ? value['lifecycle'] : undefined;
  return isRecord(lifecycle) && lifecycle['prevent_destroy'] === true;
}

/** Why a resource of this type and configuration is protected, or undefined. */
export function protection(type: string, value: unknown): string | undefined {
  if (preventsDestroy(value)) {
    return 'lifecycle.prevent_destroy';
  }
  if (type.startsWith('azurerm_dns_') || type.startsWith('azurerm_private_dns_')) {
    return 'DNS';
  }
  if (type === 'azurerm_user_assigned_identity' || type.startsWith('azuread_')) {
    return 'identity';
  }
  return PROTECTED_TYPES.has(type) ? 'data store' : undefined;
}

// ---- network rules ---------------------------------------------------------------------------------------------

interface NsgRule {
  readonly access: string;
  readonly direction: string;
  readonly sources: readonly string[];
  readonly ports: readonly string[];
  readonly destinations: readonly string[];
}

function strings(...values: unknown[]): string[] {
  return values.flatMap((v) => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v])).map((v) => String(v));
}

/** NSG rules of a resource by name (inline `security_rule` blocks, or the standalone rule as ''), in the check's view. */
function rulesOf(type: string, value: unknown): Map<string, NsgRule> {
  const rules = new Map<string, NsgRule>();
  if (!isRecord(value) || (type !== 'azurerm_network_security_rule' && type !== 'azurerm_network_security_group')) {
    return rules;
  }
  const resource: Resource = { stack: '', file: '', mode: 'managed', type, name: '', address: '', constructPath: undefined, values: value };
  const raw = type === 'azurerm_network_security_rule' ? [value] : Array.isArray(value['security_rule']) ? value['security_rule'] : [];
  nsgRules(resource).forEach((view, index) => {
    const item: unknown = raw[index];
    const destinations = isRecord(item) ? strings(item['destination_address_prefix'], item['destination_address_prefixes']) : [];
    rules.set(type === 'azurerm_network_security_rule' ? '' : view.name, {
      access: view.access,
      direction: view.direction,
      sources: view.sources,
      ports: view.destinationPorts,
      destinations,
    });
  });
  return rules;
}

function portsGrew(before: readonly string[], after: readonly string[]): boolean {
  const old = before.map(parsePortRange);
  return after.some((text) => {
    const range = parsePortRange(text);
    return range === undefined ? !before.includes(text) : !old.some((o) => o !== undefined && o.from <= range.from && range.to <= o.to);
  });
}

function grew(before: readonly string[], after: readonly string[]): boolean {
  const old = new Set(before.map((s) => s.toLowerCase()));
  if (old.has('*')) {
    return false;
  }
  return after.some((s) => !old.has(s.toLowerCase()));
}

function describeRule(rule: NsgRule): string {
  const anyone = rule.sources.some(isInternetSource);
  const from = `${rule.sources.join(', ') || '(none)'}${anyone ? ' (anyone)' : ''}`;
  return `${rule.direction} ${rule.access} from ${from} to ${rule.destinations.join(', ') || '(none)'} port ${rule.ports.join(', ') || '(none)'}`;
}

function nsgWidening(type: string, before: unknown, after: unknown): string[] {
  const old = rulesOf(type, before);
  const reasons: string[] = [];
  for (const [key, rule] of rulesOf(type, after)) {
    if (rule.access.toLowerCase() !== 'allow') {
      continue;
    }
    const label = key === '' ? 'rule' : `rule "${key}"`;
    const previous = old.get(key);
    if (!previous) {
      reasons.push(`${label} added: ${describeRule(rule)}`);
      continue;
    }
    const widened: string[] = [];
    if (previous.access.toLowerCase() !== 'allow') {
      widened.push('Deny became Allow');
    }
    if (previous.direction !== rule.direction) {
      widened.push(`direction ${previous.direction} -> ${rule.direction}`);
    }
    if (grew(previous.sources, rule.sources)) {
      widened.push(`sources ${previous.sources.join(', ')} -> ${rule.sources.join(', ')}`);
    }
    if (portsGrew(previous.ports, rule.ports)) {
      widened.push(`ports ${previous.ports.join(', ')} -> ${rule.ports.join(', ')}`);
    }
    if (grew(previous.destinations, rule.destinations)) {
      widened.push(`destinations ${previous.destinations.join(', ')} -> ${rule.destinations.join(', ')}`);
    }
    if (widened.length > 0) {
      reasons.push(`${label} widened (${widened.join('; ')}): ${describeRule(rule)}`);
    }
  }
  return reasons;
}

// ---- role assignments ------------------------------------------------------------------------------------------

/** The breadth of an Azure RBAC scope, from its resource id or the reference that produces it. */
export function scopeLevel(scope: string): 'management group' | 'subscription' | 'resource group' | 'resource' | 'unknown' {
  const s = scope.toLowerCase();
  if (/\/providers\/microsoft\.management\/managementgroups\/[^/]+\/?$/.test(s) || /azurerm_management_group\./.test(s)) {
    return 'management group';
  }
  if (
    /^\/subscriptions\/[^/]+\/?$/.test(s) ||
    /^(\/subscriptions\/)?\$\{data\.azurerm_(subscription|client_config)\.[\w-]+\.(id|subscription_id)\}\/?$/.test(s)
  ) {
    return 'subscription';
  }
  if (/^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+\/?$/.test(s) || /^\$\{(data\.)?azurerm_resource_group\.[\w-]+\.id\}$/.test(s)) {
    return 'resource group';
  }
  return /^\/subscriptions\/|\$\{/.test(s) ? 'resource' : 'unknown';
}

function roleWidening(status: 'added' | 'changed', before: unknown, after: unknown): string[] {
  if (!isRecord(after)) {
    return [];
  }
  const role = String(after['role_definition_name'] ?? after['role_definition_id'] ?? '(role)');
  const scope = String(after['scope'] ?? '');
  const level = scopeLevel(scope);
  const broad = level === 'subscription' || level === 'management group' ? ` — ${level.toUpperCase()} SCOPE` : '';
  if (status === 'added') {
    return [`role assignment added: ${role} at ${level} scope ${scope}${broad}`];
  }
  const old = isRecord(before) ? before : {};
  const changed = ['role_definition_name', 'role_definition_id', 'scope', 'principal_id'].filter(
    (k) => JSON.stringify(old[k]) !== JSON.stringify(after[k]),
  );
  return changed.length > 0 ? [`role assignment changed (${changed.join(', ')}): ${role} at ${level} scope ${scope}${broad}`] : [];
}

// ---- public access ---------------------------------------------------------------------------------------------

/** Attributes that open a PaaS service to the internet or to keys, with the value that opens it. */
const OPENING: ReadonlyArray<{ readonly path: string; readonly open: (v: unknown) => boolean }> = [
  { path: 'public_network_access_enabled', open: (v) => v === true },
  { path: 'public_network_access', open: (v) => typeof v === 'string' && v.toLowerCase() === 'enabled' },
  { path: 'network_acls.default_action', open: (v) => typeof v === 'string' && v.toLowerCase() === 'allow' },
  { path: 'network_rules.default_action', open: (v) => typeof v === 'string' && v.toLowerCase() === 'allow' },
  { path: 'local_auth_enabled', open: (v) => v === true },
  { path: 'shared_access_key_enabled', open: (v) => v === true },
  { path: 'allow_nested_items_to_be_public', open: (v) => v === true },
  { path: 'local_authentication_disabled', open: (v) => v === false },
];

function firstAt(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const key of path.split('.')) {
    if (Array.isArray(current)) {
      current = current[0];
    }
    current = isRecord(current) ? current[key] : undefined;
  }
  return current;
}

function publicAccessWidening(status: 'added' | 'changed', before: unknown, after: unknown): string[] {
  return OPENING.filter(({ path, open }) => open(firstAt(after, path)) && (status === 'added' || !open(firstAt(before, path)))).map(
    ({ path }) =>
      `${path} = ${JSON.stringify(firstAt(after, path))}${status === 'changed' ? ` (was ${JSON.stringify(firstAt(before, path) ?? null)})` : ''}`,
  );
}

// ---- one resource ----------------------------------------------------------------------------------------------

export interface ResourceChange {
  readonly stack: string;
  readonly address: string;
  readonly type: string;
  readonly constructPath?: string;
  readonly status: 'added' | 'removed' | 'changed';
  readonly before?: unknown;
  readonly after?: unknown;
  /** ForceNew attributes that changed. */
  readonly replacedBy?: readonly string[];
  /** The address a removed resource moved to (same configuration, new address). */
  readonly renamedTo?: string;
  /** The address an added resource came from; its configuration is unchanged, so it widens nothing. */
  readonly renamedFrom?: string;
}

/** The attention items one resource change raises, in category order. */
export function assess(change: ResourceChange): AttentionItem[] {
  const { stack, address, type, status, before, after } = change;
  const at = { stack, address, ...(change.constructPath ? { constructPath: change.constructPath } : {}) };
  const items: AttentionItem[] = [];
  const replaced = status === 'changed' && (change.replacedBy?.length ?? 0) > 0;
  if (replaced) {
    items.push({ ...at, category: 'replaced', reason: `changing ${change.replacedBy!.join(', ')} forces a new resource` });
  }
  if (status === 'removed') {
    const reason = change.renamedTo
      ? `address changed to ${change.renamedTo}: destroyed and created again unless a moved block is added or the construct id is kept`
      : 'removed from the configuration';
    items.push({ ...at, category: 'destroyed', reason });
  }
  const guard = protection(type, status === 'added' ? after : (before ?? after));
  if (guard !== undefined && status !== 'added') {
    const what = status === 'removed' ? 'destroyed' : replaced ? 'replaced' : 'changed in place';
    const stop =
      guard === 'lifecycle.prevent_destroy' && what !== 'changed in place'
        ? '; Terraform refuses the plan until prevent_destroy is lifted'
        : '';
    items.push({ ...at, category: 'protected', reason: `${guard}: ${what}${stop}` });
  }
  if (status !== 'removed' && change.renamedFrom === undefined) {
    const widened = [
      ...nsgWidening(type, status === 'added' ? undefined : before, after),
      ...(type === 'azurerm_role_assignment' ? roleWidening(status, before, after) : []),
      ...publicAccessWidening(status, before, after),
    ];
    for (const reason of widened) {
      items.push({ ...at, category: 'access-widened', reason });
    }
  }
  return items;
}

/** Items in category order, then stack and address, so the block reads the same on every run. */
export function sortAttention(items: readonly AttentionItem[]): AttentionItem[] {
  const key = (i: AttentionItem) => `${ATTENTION_CATEGORIES.indexOf(i.category)}\u0000${i.stack}\u0000${i.address}`;
  return [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
