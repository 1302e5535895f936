import { z } from 'zod';

import { environmentStructure } from './schema/environment';

/**
 * The environment file's JSON Schema, generated from the same zod schema synth validates with, for editors and
 * CI. Rules that span fields (overlaps, references) are checked by synth only.
 */
export function environmentJsonSchema(): string {
  const schema = z.toJSONSchema(environmentStructure, { io: 'input', target: 'draft-2020-12' });
  const document = {
    ...(blockDefaultsOptional(schema) as object),
    $id: 'https://aoai-gateway.local/environment.schema.json',
    title: 'aoai-gateway environment',
    description: 'One deployable environment of the Azure OpenAI gateway.',
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * The loader fills a defaulted block's missing fields from its default (`retry: { count: 3 }` keeps the default
 * interval), so the editor's schema must not call those fields required either.
 */
function blockDefaultsOptional(node: unknown): unknown {
  if (Array.isArray(node)) {
    return node.map(blockDefaultsOptional);
  }
  if (node === null || typeof node !== 'object') {
    return node;
  }
  const entries = Object.entries(node as Record<string, unknown>).map(([key, value]) => [key, blockDefaultsOptional(value)] as const);
  const result = Object.fromEntries(entries) as Record<string, unknown>;
  const defaults = result.default;
  if (Array.isArray(result.required) && defaults !== null && typeof defaults === 'object' && !Array.isArray(defaults)) {
    const required = result.required.filter((key) => !(String(key) in defaults));
    if (required.length > 0) {
      result.required = required;
    } else {
      delete result.required;
    }
  }
  return result;
}
