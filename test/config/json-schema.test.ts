import { readFileSync } from 'node:fs';

import { environmentJsonSchema } from '../../config/json-schema';
import { projectPath } from '../../lib/paths';

describe('config/environment.schema.json', () => {
  it('is up to date with the zod schema (run `npm run schema` after changing it)', () => {
    expect(readFileSync(projectPath('config', 'environment.schema.json'), 'utf8')).toBe(environmentJsonSchema());
  });

  it('describes required fields and rejects unknown keys, like synth', () => {
    const schema = JSON.parse(environmentJsonSchema()) as {
      required: string[];
      additionalProperties: boolean;
      properties: Record<string, { enum?: string[] }>;
    };
    expect(schema.required).toEqual(expect.arrayContaining(['name', 'production', 'azure', 'network', 'openai', 'apiManagement']));
    expect(schema.additionalProperties).toBe(false);
  });
});

describe('defaulted blocks in the editor schema', () => {
  it('do not require the fields their default provides, as synth fills them field by field', () => {
    const schema = JSON.parse(environmentJsonSchema()) as {
      properties: { apiManagement: { properties: { retry: { required?: string[]; default: object } } } };
    };
    const retry = schema.properties.apiManagement.properties.retry;
    expect(Object.keys(retry.default).length).toBeGreaterThan(0);
    expect(retry.required ?? []).toEqual([]);
  });
});
