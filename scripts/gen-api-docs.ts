// Regenerates docs/api.md from the contract: `npm run gen:api-docs` after
// adding or changing a call (a unit test fails while they are out of date).
import fs from 'node:fs';
import path from 'node:path';
import { apiReferenceMarkdown } from '../shared/api/apiReference';

const docs = path.join(import.meta.dirname, '..', 'docs');
fs.mkdirSync(docs, { recursive: true });
fs.writeFileSync(path.join(docs, 'api.md'), apiReferenceMarkdown());
process.stdout.write('Wrote docs/api.md\n');
