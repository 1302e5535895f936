import { createHash } from 'node:crypto';

import type { Layer } from './layers';
import { type Region, regionCode } from './regions';

/**
 * The one place resource names come from. Names follow the Cloud Adoption Framework abbreviations and each
 * resource type's length and character rules. Globally unique names (Key Vault, Storage, API Management, Azure
 * OpenAI subdomains) carry a short suffix derived from the subscription, so two tenants using the same
 * configuration do not collide, and the same configuration always gives the same names.
 */

export interface NamingRule {
  readonly min: number;
  readonly max: number;
  readonly pattern: RegExp;
  /** What the rule allows, in words, for error messages. */
  readonly description: string;
}

export const NAMING_RULES = {
  resourceGroup: { min: 1, max: 90, pattern: /^[-\w.()]*[-\w()]$/, description: 'letters, digits, _ - . ( ), not ending with a period' },
  virtualNetwork: {
    min: 2,
    max: 64,
    pattern: /^[a-zA-Z0-9][-\w.]*\w$/,
    description: 'letters, digits, _ - ., starting alphanumeric, ending with a letter, digit or _',
  },
  subnet: {
    min: 1,
    max: 80,
    pattern: /^[a-zA-Z0-9]([-\w.]*\w)?$/,
    description: 'letters, digits, _ - ., starting alphanumeric, ending with a letter, digit or _',
  },
  networkSecurityGroup: {
    min: 1,
    max: 80,
    pattern: /^[a-zA-Z0-9]([-\w.]*\w)?$/,
    description: 'letters, digits, _ - ., starting alphanumeric, ending with a letter, digit or _',
  },
  publicIp: {
    min: 1,
    max: 80,
    pattern: /^[a-zA-Z0-9]([-\w.]*\w)?$/,
    description: 'letters, digits, _ - ., starting alphanumeric, ending with a letter, digit or _',
  },
  // azurerm v4.55.0 internal/services/network/validate/public_ip_domain_name_label.go: PublicIpDomainNameLabel.
  publicIpDomainNameLabel: {
    min: 3,
    max: 63,
    pattern: /^[a-z][a-z0-9-]{1,61}[a-z0-9]$/,
    description: 'lowercase letters, digits and hyphens, starting with a letter and ending alphanumeric',
  },
  privateEndpoint: {
    min: 2,
    max: 64,
    pattern: /^[a-zA-Z0-9][-\w.]*\w$/,
    description: 'letters, digits, _ - ., starting alphanumeric, ending with a letter, digit or _',
  },
  ddosProtectionPlan: {
    min: 1,
    max: 80,
    pattern: /^[a-zA-Z0-9]([-\w.]*\w)?$/,
    description: 'letters, digits, _ - ., starting alphanumeric, ending with a letter, digit or _',
  },
  flowLog: {
    min: 1,
    max: 80,
    pattern: /^[a-zA-Z0-9]([-\w.]*\w)?$/,
    description: 'letters, digits, _ - ., starting alphanumeric, ending with a letter, digit or _',
  },
  storageContainer: {
    min: 3,
    max: 63,
    pattern: /^[a-z0-9](?!.*--)[a-z0-9-]*[a-z0-9]$/,
    description: 'lowercase letters, digits and single hyphens, starting and ending alphanumeric',
  },
  applicationGateway: {
    min: 1,
    max: 80,
    pattern: /^[a-zA-Z0-9]([-\w.]*\w)?$/,
    description: 'letters, digits, _ - ., starting alphanumeric, ending with a letter, digit or _',
  },
  wafPolicy: {
    min: 1,
    max: 128,
    pattern: /^[a-zA-Z0-9]([-\w.]*\w)?$/,
    description: 'letters, digits, _ - ., starting alphanumeric, ending with a letter, digit or _',
  },
  userAssignedIdentity: { min: 3, max: 128, pattern: /^[a-zA-Z0-9][-\w]*$/, description: 'letters, digits, _ -, starting alphanumeric' },
  apiManagement: {
    min: 1,
    max: 50,
    pattern: /^[a-zA-Z](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/,
    description: 'letters, digits and hyphens, starting with a letter and ending alphanumeric',
  },
  cognitiveAccount: {
    min: 2,
    max: 64,
    pattern: /^[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]$/,
    description: 'letters, digits and hyphens, starting and ending alphanumeric',
  },
  keyVault: {
    min: 3,
    max: 24,
    pattern: /^[a-zA-Z](?!.*--)[a-zA-Z0-9-]*[a-zA-Z0-9]$/,
    description: 'letters, digits and hyphens, starting with a letter, ending alphanumeric, no "--"',
  },
  storageAccount: { min: 3, max: 24, pattern: /^[a-z0-9]+$/, description: 'lowercase letters and digits only' },
  logAnalyticsWorkspace: {
    min: 4,
    max: 63,
    pattern: /^[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]$/,
    description: 'letters, digits and hyphens, starting and ending alphanumeric',
  },
  applicationInsights: { min: 1, max: 255, pattern: /^[^%&\\?/]+$/, description: 'any characters but % & \\ ? /' },
  actionGroup: { min: 1, max: 260, pattern: /^[^%&\\?/]+$/, description: 'any characters but % & \\ ? /' },
  actionGroupShortName: { min: 1, max: 12, pattern: /^[a-zA-Z0-9-]+$/, description: 'letters, digits and hyphens' },
  queryPack: { min: 1, max: 260, pattern: /^[^%&\\?/]+$/, description: 'any characters but % & \\ ? /' },
  alertRule: { min: 1, max: 260, pattern: /^[^*#&+:<>?@%{}\\/]+$/, description: 'any characters but * # & + : < > ? @ % { } \\ /' },
  dataExportRule: {
    min: 4,
    max: 63,
    pattern: /^[a-zA-Z0-9][a-zA-Z0-9-]+[a-zA-Z0-9]$/,
    description: 'letters, digits and hyphens, starting and ending alphanumeric',
  },
  entraGroup: { min: 1, max: 256, pattern: /^[a-zA-Z0-9][-\w. ]*$/, description: 'letters, digits, spaces, _ - .' },
  entraApplication: { min: 1, max: 120, pattern: /^[a-zA-Z0-9][-\w. ]*$/, description: 'letters, digits, spaces, _ - .' },
  appRoleValue: {
    min: 1,
    max: 120,
    pattern: /^[A-Za-z][A-Za-z0-9._-]*$/,
    description: 'letters, digits, . _ -, starting with a letter, no spaces',
  },
  apiManagementEntity: {
    min: 1,
    max: 80,
    pattern: /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/,
    description: 'lowercase letters, digits and hyphens, starting and ending alphanumeric',
  },
  keyVaultObject: { min: 1, max: 127, pattern: /^[a-zA-Z0-9-]+$/, description: 'letters, digits and hyphens' },
  hostName: {
    min: 1,
    max: 253,
    pattern: /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    description: 'lowercase dot-separated labels of letters, digits and hyphens',
  },
} as const satisfies Record<string, NamingRule>;

export type NamedKind = keyof typeof NAMING_RULES;

/** API Management endpoints besides the gateway, each with its own host name. */

export class NamingError extends Error {
  constructor(
    readonly kind: NamedKind,
    readonly candidate: string,
    readonly rule: NamingRule,
  ) {
    super(`${kind} name "${candidate}" breaks Azure's rule: ${rule.min}-${rule.max} characters, ${rule.description}`);
    this.name = 'NamingError';
  }
}

/** Returns the rule a candidate name breaks, or undefined when it is valid. */
export function checkName(kind: NamedKind, candidate: string): NamingRule | undefined {
  const rule: NamingRule = NAMING_RULES[kind];
  const ok = candidate.length >= rule.min && candidate.length <= rule.max && rule.pattern.test(candidate);
  return ok ? undefined : rule;
}

function valid(kind: NamedKind, candidate: string): string {
  const broken = checkName(kind, candidate);
  if (broken) {
    throw new NamingError(kind, candidate, broken);
  }
  return candidate;
}

/**
 * How a workload's subscription identifier starts. Subscriptions of people (created in the developer portal) get
 * generated identifiers that never start with it; the API policy binds the ones that do to the workload's token.
 */
export const WORKLOAD_SUBSCRIPTION_PREFIX = 'wl-';

/** Group name suffixes of the workspace's readers (lib/azure/workspace-access.ts); no access tier may be named so. */
export const WORKSPACE_READER_GROUP_SUFFIXES = { logs: 'log-readers', prompts: 'prompt-readers' } as const;

/** Four characters of [a-z0-9] derived from the seed: stable across runs, different across subscriptions. */
export function uniqueSuffix(seed: string): string {
  const digest = createHash('sha256').update(seed).digest();
  return digest.readUInt32BE(0).toString(36).padStart(7, '0').slice(-4);
}

/** The parts of an environment's configuration its names derive from. */
export interface NamedEnvironment {
  readonly name: string;
  readonly workload: string;
  readonly azure: { readonly subscriptionId: string; readonly location: Region };
  readonly naming: { readonly suffix?: string | undefined };
  readonly apiManagement?: { readonly customDomain?: { readonly zone: string } | undefined };
}

/**
 * The naming context of an environment: the configured suffix, or one derived from subscription, workload and
 * environment. The schema (which checks the names before synth) and the environment model (which names the
 * resources) both take it from here, so they never disagree.
 */
export function namingContextOf(environment: NamedEnvironment): NamingContext {
  return {
    workload: environment.workload,
    environment: environment.name,
    location: environment.azure.location,
    suffix: environment.naming.suffix ?? uniqueSuffix(`${environment.azure.subscriptionId}/${environment.workload}/${environment.name}`),
    apiManagementZone: environment.apiManagement?.customDomain?.zone,
  };
}

/** A deterministic RFC 4122 version-5-style UUID, for resources whose name must be a GUID (workbooks). */
export function deterministicUuid(seed: string): string {
  const hash = createHash('sha1').update(seed).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export interface NamingContext {
  /** Short workload name, e.g. `aoaigw`. */
  readonly workload: string;
  /** Environment name, e.g. `prod`. */
  readonly environment: string;
  /** The environment's primary region. */
  readonly location: Region;
  /** Suffix for globally unique names. */
  readonly suffix: string;
  /**
   * The private DNS zone API Management's host names live in, when the environment brings its own domain.
   * @default API_MANAGEMENT_DEFAULT_ZONE
   */
  readonly apiManagementZone?: string | undefined;
}

/** Where internal-mode API Management answers without a custom domain: `<name>.azure-api.net`. */
export const API_MANAGEMENT_DEFAULT_ZONE = 'azure-api.net';

/** API Management's endpoints that get a host name (and a private DNS record) in internal mode. */
export const API_MANAGEMENT_RECORDS = ['gateway', 'portal', 'developer', 'management', 'scm'] as const;
export type ApiManagementRecord = (typeof API_MANAGEMENT_RECORDS)[number];

export class Naming {
  private readonly base: string;
  private readonly region: string;

  constructor(readonly context: NamingContext) {
    this.base = `${context.workload}-${context.environment}`;
    this.region = regionCode(context.location);
  }

  resourceGroup(layer: Layer): string {
    return valid('resourceGroup', `rg-${this.base}-${layer}-${this.region}`);
  }

  virtualNetwork(): string {
    return valid('virtualNetwork', `vnet-${this.base}-${this.region}`);
  }

  subnet(purpose: string): string {
    return valid('subnet', `snet-${purpose}`);
  }

  networkSecurityGroup(purpose: string): string {
    return valid('networkSecurityGroup', `nsg-${this.base}-${purpose}-${this.region}`);
  }

  publicIp(purpose: string): string {
    return valid('publicIp', `pip-${this.base}-${purpose}-${this.region}`);
  }

  /** Domain name label of a public IP: unique within the region, so it carries the suffix. */
  domainNameLabel(purpose: string): string {
    return valid('publicIpDomainNameLabel', `${this.base}-${purpose}-${this.context.suffix}`);
  }

  ddosProtectionPlan(): string {
    return valid('ddosProtectionPlan', `ddos-${this.base}-${this.region}`);
  }

  /** Flow log of the virtual network, created under the region's Network Watcher. */
  flowLog(): string {
    return valid('flowLog', `fl-${this.base}-vnet-${this.region}`);
  }

  /**
   * The Network Watcher Azure creates in a region on first use of a virtual network there; a subscription may have
   * only one per region, so flow logs attach to it rather than to a watcher of our own.
   */
  defaultNetworkWatcher(): { readonly name: string; readonly resourceGroupName: string } {
    return { name: `NetworkWatcher_${this.context.location}`, resourceGroupName: 'NetworkWatcherRG' };
  }

  /** Blob container of the storage account, by purpose. */
  storageContainer(purpose: string): string {
    return valid('storageContainer', purpose);
  }

  privateEndpoint(target: string, subresource: string): string {
    return valid('privateEndpoint', `pep-${target}-${subresource.toLowerCase()}`);
  }

  applicationGateway(): string {
    return valid('applicationGateway', `agw-${this.base}-${this.region}`);
  }

  wafPolicy(): string {
    return valid('wafPolicy', `waf-${this.base}-${this.region}`);
  }

  userAssignedIdentity(purpose: string): string {
    return valid('userAssignedIdentity', `id-${this.base}-${purpose}-${this.region}`);
  }

  apiManagement(): string {
    return valid('apiManagement', `apim-${this.base}-${this.region}-${this.context.suffix}`);
  }

  /** The private DNS zone API Management's host names are in: the environment's own domain, or azure-api.net. */
  apiManagementZone(): string {
    return this.context.apiManagementZone ?? API_MANAGEMENT_DEFAULT_ZONE;
  }

  /**
   * Record name of an API Management endpoint in its zone. In azure-api.net the names are Azure's own
   * (`<name>`, `<name>.<endpoint>`); in a custom zone every endpoint is one label (`<name>-<endpoint>`), so that one
   * wildcard certificate (`*.<zone>`) covers them all.
   */
  apiManagementRecord(endpoint: ApiManagementRecord): string {
    const name = this.apiManagement();
    if (endpoint === 'gateway') {
      return name;
    }
    return this.context.apiManagementZone === undefined ? `${name}.${endpoint}` : `${name}-${endpoint}`;
  }

  /** Record names of every endpoint, by endpoint. */
  apiManagementRecords(): Record<ApiManagementRecord, string> {
    return Object.fromEntries(API_MANAGEMENT_RECORDS.map((endpoint) => [endpoint, this.apiManagementRecord(endpoint)])) as Record<
      ApiManagementRecord,
      string
    >;
  }

  /** Host names of every endpoint, by endpoint. */
  apiManagementHostNames(): Record<ApiManagementRecord, string> {
    return Object.fromEntries(API_MANAGEMENT_RECORDS.map((endpoint) => [endpoint, this.apiManagementEndpointHostName(endpoint)])) as Record<
      ApiManagementRecord,
      string
    >;
  }

  /**
   * Host name of API Management's gateway. In internal mode it resolves to the private address through the private
   * DNS zone of `apiManagementZone()`; Application Gateway sends traffic and health probes to it.
   */
  apiManagementGatewayHostName(): string {
    return this.apiManagementEndpointHostName('gateway');
  }

  /** Host name of one of API Management's endpoints, which the zone resolves to the private address. */
  apiManagementEndpointHostName(endpoint: ApiManagementRecord): string {
    return valid('hostName', `${this.apiManagementRecord(endpoint)}.${this.apiManagementZone()}`);
  }

  /** Certificate (or secret) name inside the environment's Key Vault. */
  keyVaultCertificate(purpose: string): string {
    return valid('keyVaultObject', `cert-${this.base}-${purpose}`);
  }

  /** Resource Manager id of one Azure OpenAI account, known before the account exists. */
  openAiAccountId(subscriptionId: string, instance: string, location: Region): string {
    return `/subscriptions/${subscriptionId}/resourceGroups/${this.resourceGroup('openai')}/providers/Microsoft.CognitiveServices/accounts/${this.openAiAccount(instance, location)}`;
  }

  /**
   * Identifier of a workload's API Management subscription to a tier: it ends with the workload's object id, so
   * the API policy can refuse the key with anyone else's token (WORKLOAD_SUBSCRIPTION_PREFIX).
   */
  workloadSubscription(tier: string, principalId: string): string {
    return valid('apiManagementEntity', `${WORKLOAD_SUBSCRIPTION_PREFIX}${tier}-${principalId}`);
  }

  /** Secret holding a workload's subscription key for a tier; one per workload and tier. */
  workloadSubscriptionSecret(tier: string, principalId: string): string {
    return valid('keyVaultObject', `apim-key-${tier}-${principalId}`);
  }

  /** Account name and custom subdomain of one Azure OpenAI instance; the subdomain can never change. */
  openAiAccount(instance: string, location: Region): string {
    return valid('cognitiveAccount', `oai-${this.base}-${instance}-${regionCode(location)}-${this.context.suffix}`);
  }

  keyVault(): string {
    return valid('keyVault', `kv-${this.base}-${this.context.suffix}`);
  }

  storageAccount(): string {
    return valid('storageAccount', `st${this.base.replace(/-/g, '')}${this.context.suffix}`);
  }

  logAnalyticsWorkspace(): string {
    return valid('logAnalyticsWorkspace', `log-${this.base}-${this.region}`);
  }

  applicationInsights(): string {
    return valid('applicationInsights', `appi-${this.base}-${this.region}`);
  }

  actionGroup(): string {
    return valid('actionGroup', `ag-${this.base}-${this.region}`);
  }

  /** Shown in SMS and email subjects; at most 12 characters. */
  actionGroupShortName(): string {
    return valid('actionGroupShortName', `${this.context.workload}${this.context.environment}`.slice(0, 12));
  }

  queryPack(): string {
    return valid('queryPack', `pack-${this.base}-${this.region}`);
  }

  alertRule(alert: string): string {
    return valid('alertRule', `alrt-${this.base}-${alert}`);
  }

  /** Query pack queries are named by GUID; one derived per saved query makes a redeploy update it in place. */
  queryPackQueryId(query: string): string {
    return deterministicUuid(`${this.base}/${this.context.suffix}/query/${query}`);
  }

  /** Continuous export rule of the workspace; unique within the workspace. */
  dataExportRule(purpose: string): string {
    return valid('dataExportRule', `export-${this.base}-${purpose}`);
  }

  entraGroup(tier: string): string {
    return valid('entraGroup', `sg-${this.base}-${tier}`);
  }

  /** The Entra group of one kind of workspace reader; its suffix is reserved, so no tier's group can take it. */
  workspaceReaderGroup(reader: keyof typeof WORKSPACE_READER_GROUP_SUFFIXES): string {
    return valid('entraGroup', `sg-${this.base}-${WORKSPACE_READER_GROUP_SUFFIXES[reader]}`);
  }

  entraApplication(): string {
    return valid('entraApplication', `app-${this.base}-gateway`);
  }

  /** The developer portal's sign-in app registration; a client of its own, separate from the gateway's API. */
  developerPortalApplication(): string {
    return valid('entraApplication', `app-${this.base}-portal`);
  }

  /**
   * Application ID URI of the gateway's app registration. Entra accepts `api://<tenant id>/<string>` without a
   * verified domain, where a bare `api://<string>` is refused
   * (https://learn.microsoft.com/entra/identity-platform/identifier-uri-restrictions).
   */
  gatewayIdentifierUri(tenantId: string): string {
    return `api://${tenantId}/${this.entraApplication()}`;
  }

  /** Value of a tier's app role, as it appears in the `roles` claim of access tokens. */
  appRoleValue(tier: string): string {
    return valid('appRoleValue', `Gateway.${tier}`);
  }

  /** App role ids must be GUIDs and must never change once issued; derive them from the tier name. */
  appRoleId(tier: string): string {
    return deterministicUuid(`${this.base}/${this.context.suffix}/app-role/${tier}`);
  }

  /** Id of the gateway API's delegated scope; a GUID that must stay the same for consents to hold. */
  gatewayApiScopeId(): string {
    return deterministicUuid(`${this.base}/${this.context.suffix}/api-scope/user_impersonation`);
  }

  /** API Management backend of one Azure OpenAI instance. */
  apiManagementBackend(instance: string): string {
    return valid('apiManagementEntity', `openai-${instance}`);
  }

  /** API Management backend pool over every Azure OpenAI instance; the API policy routes to it. */
  apiManagementBackendPool(): string {
    return valid('apiManagementEntity', 'openai-pool');
  }

  /** API Management group mirroring a tier's Entra group. */
  apiManagementGroup(tier: string): string {
    return valid('apiManagementEntity', `entra-${tier}`);
  }

  /** API Management named value, by purpose. */
  apiManagementNamedValue(purpose: string): string {
    return valid('apiManagementEntity', purpose);
  }

  /** Workbook resource names must be GUIDs; derive one so redeploys update rather than duplicate. */
  workbookId(purpose: string): string {
    return deterministicUuid(`${this.base}/${this.context.suffix}/workbook/${purpose}`);
  }

  /**
   * Every name an environment derives from its configuration, for up-front validation. Returns the first
   * rule each derived name breaks, so configuration errors surface before any construct is built.
   */
  static problems(
    context: NamingContext,
    instances: readonly { name: string; location: Region }[],
    tiers: readonly string[],
  ): NamingError[] {
    const naming = new Naming(context);
    const attempts: (() => string)[] = [
      () => naming.resourceGroup('monitoring'),
      () => naming.virtualNetwork(),
      () => naming.apiManagement(),
      () => naming.domainNameLabel('apim'),
      () => naming.keyVault(),
      () => naming.storageAccount(),
      () => naming.logAnalyticsWorkspace(),
      () => naming.applicationGateway(),
      () => naming.actionGroupShortName(),
      ...instances.map((i) => () => naming.openAiAccount(i.name, i.location)),
      ...tiers.map((t) => () => naming.entraGroup(t)),
      () => naming.workspaceReaderGroup('logs'),
      () => naming.workspaceReaderGroup('prompts'),
    ];
    const problems: NamingError[] = [];
    for (const attempt of attempts) {
      try {
        attempt();
      } catch (error) {
        if (error instanceof NamingError) {
          problems.push(error);
        } else {
          throw error;
        }
      }
    }
    return problems;
  }
}
