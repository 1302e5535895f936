/** API Management diagnostics and backends, read the same way from azurerm resources and azapi bodies. */
import { azapiProperties, isAzapiOfType } from './azapi';
import type { Resource } from './model';
import { block, isRecord, literalString, numberSetting, type Setting, stringList } from './values';

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
