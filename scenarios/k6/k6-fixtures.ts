import { compileTemplate, type CompiledTemplate } from '../../common/core/template.ts';
import type { ManifestEntry } from '../../fixtures/manifest.ts';

/** A fixture as k6 loads it: manifest entry plus compiled template (no zod in k6). */
export interface K6Fixture {
  name: string;
  field: string;
  type: string;
  weight: number;
  template: CompiledTemplate;
}

/**
 * Reads `<dir>/manifest.json` and every fixture it names through `readFile` (k6 `open`, init
 * context only). The Node side validates the same set with zod before a run; here a broken
 * entry stops k6 with a message naming it.
 */
export function loadK6Fixtures(dir: string, readFile: (path: string) => string): K6Fixture[] {
  const base = dir.replace(/\/+$/, '');
  const manifest = JSON.parse(readFile(`${base}/manifest.json`)) as { fixtures?: ManifestEntry[] };
  if (!Array.isArray(manifest.fixtures) || manifest.fixtures.length === 0) {
    throw new Error(
      `Could not load fixtures: ${base}/manifest.json lists no fixtures. Point WA_FIXTURES_DIR at a fixture set.`,
    );
  }
  return manifest.fixtures.map((entry) => {
    if (typeof entry.name !== 'string' || typeof entry.file !== 'string')
      throw new Error(`Could not load fixtures: bad entry in ${base}/manifest.json: ${JSON.stringify(entry)}.`);
    return {
      name: entry.name,
      field: entry.field,
      type: entry.type,
      weight: entry.weight,
      template: compileTemplate(readFile(`${base}/${entry.file}`)),
    };
  });
}
