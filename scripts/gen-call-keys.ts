// Regenerates shared/api/callKeys.ts from the contract: `npm run gen:calls` after adding a call.
import fs from 'node:fs';
import path from 'node:path';
import { CALL_KEYS } from '../shared/api/contract';

const file = path.join(import.meta.dirname, '..', 'shared', 'api', 'callKeys.ts');
const lines = CALL_KEYS.map((key) => `  '${key}',`).join('\n');
fs.writeFileSync(file, `/** Every call name of the contract, as plain strings (for the preload, which must not bundle
 *  zod). A unit test keeps this list equal to the contract's keys. */
export const CALL_NAMES: readonly string[] = [
${lines}
];
`);
console.log(`wrote ${CALL_KEYS.length} call names to ${path.relative(process.cwd(), file)}`);
