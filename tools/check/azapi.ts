/** Reading azapi resources: their ARM type and API version, and their body. */
import type { Resource } from './model';
import { isExpression, isRecord, literalString } from './values';

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
