import { z } from 'zod';

import { environmentStructure } from './schema/environment';

/**
 * The environment file's JSON Schema, generated from the same zod schema synth validates with, for editors and
 * CI. Rules that span fields (overlaps, references) are checked by synth only.
 */
export function environmentJsonSchema(): string {
  const schema = z.toJSONSchema(environmentStructure, { io: 'input', target: 'draft-2020-12' });
  const document = {
    ...schema,
    $id: 'https://aoai-gateway.local/environment.schema.json',
    title: 'aoai-gateway environment',
    description: 'One deployable environment of the Azure OpenAI gateway.',
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
