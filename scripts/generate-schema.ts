import { writeFileSync } from 'node:fs';

import { environmentJsonSchema } from '../config/json-schema';
import { projectPath } from '../lib/paths';

const target = projectPath('config', 'environment.schema.json');
writeFileSync(target, environmentJsonSchema());
process.stdout.write(`wrote ${target}\n`);
