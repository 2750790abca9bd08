import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { updateVerdictSection } from '../../reports/index.ts';

// Regenerates the model tables of docs/verdicts.md from reports/judge/verdict-model.ts
// (the unit test reports/judge/verdict-model.test.ts fails until this has run).
const path = fileURLToPath(new URL('../../docs/verdicts.md', import.meta.url));
writeFileSync(path, updateVerdictSection(readFileSync(path, 'utf8')));
process.stdout.write(`updated ${path}\n`);
