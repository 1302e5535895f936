/**
 * Azure knowledge several rules share: NSG rule semantics, private address ranges, diagnostic categories and
 * the two ways API Management diagnostics reach the synthesized JSON (azurerm resources and azapi bodies).
 */
import type { Resource } from './model';
import { block, blocks, isExpression, isRecord, literalString, numberSetting, type Setting, stringList } from './values';

/** Source prefixes that mean "anyone on the Internet" in an NSG rule. */
const INTERNET_SOURCES = new Set(['*', 'any', 'internet', '0.0.0.0', '0.0.0.0/0', '::/0']);

export function isInternetSource(prefix: string): boolean {
  return INTERNET_SOURCES.has(prefix.trim().toLowerCase()) || prefix.trim().endsWith('/0');
}

export interface PortRange {
  readonly from: number;
  readonly to: number;
}

/** Ports of an NSG port field: `*`, `443`, `65200-65535`. Undefined when the value is not a literal. */
export function parsePortRange(text: string): PortRange | undefined {
  const trimmed = text.trim();
  if (trimmed === '*') {
    return { from: 0, to: 65535 };
  }
  const single = /^(\d{1,5})$/.exec(trimmed);
  if (single) {
    const port = Number(single[1]);
    return { from: port, to: port };
  }
  const range = /^(\d{1,5})\s*-\s*(\d{1,5})$/.exec(trimmed);
  if (range) {
    return { from: Number(range[1]), to: Number(range[2]) };
  }
  return undefined;
}

/** One security rule, whether declared inline in an NSG or as its own resource. */
export interface NsgRuleView {
  readonly name: string;
  readonly direction: string;
  readonly access: string;
  readonly protocol: string;
  readonly sources: readonly string[];
  readonly destinationPorts: readonly string[];
  /** Fields given as expressions, which the rule cannot judge. */
  readonly expressions: readonly string[];
}

function nsgRuleView(raw: Readonly<Record<string, unknown>>): NsgRuleView {
  const sources = stringList(raw['source_address_prefixes']);
  const source = stringList(raw['source_address_prefix']);
  const ports = stringList(raw['destination_port_ranges']);
  const port = stringList(raw['destination_port_range']);
  return {
    name: literalString(raw['name']) ?? '(unnamed)',
    direction: literalString(raw['direction']) ?? '',
    access: literalString(raw['access']) ?? '',
    protocol: literalString(raw['protocol']) ?? '*',
    sources: [...source.items, ...sources.items],
    destinationPorts: [...port.items, ...ports.items],
    expressions: [...source.expressions, ...sources.expressions, ...port.expressions, ...ports.expressions],
  };
}

/** The security rules a resource declares: every inline rule of an NSG, or the rule resource itself. */
export function nsgRules(resource: Resource): NsgRuleView[] {
  if (resource.type === 'azurerm_network_security_rule') {
    return [nsgRuleView(resource.values)];
  }
  return blocks(resource.values, 'security_rule').map(nsgRuleView);
}

export function isInboundAllow(rule: NsgRuleView): boolean {
  return rule.direction.toLowerCase() === 'inbound' && rule.access.toLowerCase() === 'allow';
}

/** Whether a literal IPv4 address or CIDR lies in a private range (RFC 1918, or RFC 6598 shared space). */
export function isPrivateAddress(text: string): boolean {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(\/\d{1,2})?$/.exec(text.trim());
  if (!match) {
    return false;
  }
  const [a, b] = [Number(match[1]), Number(match[2])];
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
}

/**
 * Log categories each target type supports (fixed per Azure resource provider). A diagnostic setting naming
 * another category fails at apply time.
 */
export const DIAGNOSTIC_CATEGORIES: Readonly<Record<string, readonly string[]>> = {
  azurerm_api_management: ['GatewayLogs', 'GatewayLlmLogs', 'WebSocketConnectionLogs', 'DeveloperPortalAuditLogs'],
  azurerm_cognitive_account: ['Audit', 'RequestResponse', 'Trace', 'AzureOpenAIRequestUsage'],
  azurerm_application_gateway: ['ApplicationGatewayAccessLog', 'ApplicationGatewayFirewallLog', 'ApplicationGatewayPerformanceLog'],
  azurerm_key_vault: ['AuditEvent', 'AzurePolicyEvaluationDetails'],
};

/** Category groups every resource type with logs offers. */
export const DIAGNOSTIC_CATEGORY_GROUPS = ['allLogs', 'audit'] as const;

/** The type and API version of an azapi resource (`Microsoft.X/y@2024-01-01`). */
export function azapiType(resource: Resource): { readonly type: string; readonly apiVersion: string } | undefined {
  const text = literalString(resource.values['type']);
  if (!text) {
    return undefined;
  }
  const [type, apiVersion] = text.split('@');
  return type ? { type, apiVersion: apiVersion ?? '' } : undefined;
}

/** An azapi body: an object, or a JSON string; undefined when it is an expression such as `jsonencode(...)`. */
export function azapiBody(resource: Resource): Record<string, unknown> | undefined {
  const body = resource.values['body'];
  if (isRecord(body)) {
    return body;
  }
  if (typeof body === 'string' && !isExpression(body)) {
    try {
      const parsed: unknown = JSON.parse(body);
      return isRecord(parsed) ? parsed : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function azapiProperties(resource: Resource): Record<string, unknown> | undefined {
  const properties = azapiBody(resource)?.['properties'];
  return isRecord(properties) ? properties : undefined;
}

export function isAzapiOfType(resource: Resource, armType: string): boolean {
  return resource.type === 'azapi_resource' && azapiType(resource)?.type.toLowerCase() === armType.toLowerCase();
}

export const APIM_SERVICE_DIAGNOSTIC = 'Microsoft.ApiManagement/service/diagnostics';
export const APIM_API_DIAGNOSTIC = 'Microsoft.ApiManagement/service/apis/diagnostics';
export const APIM_BACKEND = 'Microsoft.ApiManagement/service/backends';

export interface MaskRule {
  readonly mode: string;
  readonly value: string;
}

/** What one direction (frontend request, backend response, ...) of an APIM diagnostic logs and masks. */
export interface DiagnosticDirection {
  readonly name: string;
  readonly headersToLog: readonly string[];
  readonly headerMasks: readonly MaskRule[];
  readonly queryMasks: readonly MaskRule[];
}

/** An API Management diagnostic, read from either azurerm or azapi. */
export interface ApimDiagnosticView {
  readonly sampling: Setting<number>;
  readonly directions: readonly DiagnosticDirection[];
}

const DIRECTIONS = [
  ['frontend_request', 'frontend', 'request'],
  ['frontend_response', 'frontend', 'response'],
  ['backend_request', 'backend', 'request'],
  ['backend_response', 'backend', 'response'],
] as const;

function masks(list: unknown): MaskRule[] {
  const entries = Array.isArray(list) ? list : isRecord(list) ? [list] : [];
  return entries.filter(isRecord).map((entry) => ({
    mode: literalString(entry['mode']) ?? '',
    value: literalString(entry['value']) ?? '',
  }));
}

export function isApimDiagnostic(resource: Resource): boolean {
  return (
    resource.type === 'azurerm_api_management_diagnostic' ||
    resource.type === 'azurerm_api_management_api_diagnostic' ||
    isAzapiOfType(resource, APIM_SERVICE_DIAGNOSTIC) ||
    isAzapiOfType(resource, APIM_API_DIAGNOSTIC)
  );
}

/** Undefined for resources that are not API Management diagnostics, or azapi bodies that are expressions. */
export function apimDiagnostic(resource: Resource): ApimDiagnosticView | undefined {
  if (resource.type === 'azurerm_api_management_diagnostic' || resource.type === 'azurerm_api_management_api_diagnostic') {
    return {
      sampling: numberSetting(resource.values['sampling_percentage']),
      directions: DIRECTIONS.flatMap(([key]) => {
        const direction = block(resource.values, key);
        if (!direction) {
          return [];
        }
        const masking = block(direction, 'data_masking');
        return [
          {
            name: key,
            headersToLog: stringList(direction['headers_to_log']).items,
            headerMasks: masks(masking?.['headers']),
            queryMasks: masks(masking?.['query_params']),
          },
        ];
      }),
    };
  }
  if (!isAzapiOfType(resource, APIM_SERVICE_DIAGNOSTIC) && !isAzapiOfType(resource, APIM_API_DIAGNOSTIC)) {
    return undefined;
  }
  const properties = azapiProperties(resource);
  if (!properties) {
    return undefined;
  }
  const sampling = isRecord(properties['sampling']) ? properties['sampling'] : undefined;
  return {
    sampling: numberSetting(sampling?.['percentage']),
    directions: DIRECTIONS.flatMap(([key, side, kind]) => {
      const sideBlock = properties[side];
      const direction = isRecord(sideBlock) && isRecord(sideBlock[kind]) ? sideBlock[kind] : undefined;
      if (!direction) {
        return [];
      }
      const masking = isRecord(direction['dataMasking']) ? direction['dataMasking'] : undefined;
      return [
        {
          name: key,
          headersToLog: stringList(direction['headers']).items,
          headerMasks: masks(masking?.['headers']),
          queryMasks: masks(masking?.['queryParams']),
        },
      ];
    }),
  };
}
