import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { UserError } from '../../../common/node/index.ts';
import { findOpenedPaths, findRelativeImports } from './scan-sources.ts';

/**
 * Every repository file a scenario script needs under k6, as paths relative to `rootDir`:
 * the script, the modules it imports (transitively) and the files it `open()`s by literal path.
 * Fixtures are opened through a variable and are added by the caller from the manifest.
 */
export function collectScriptFiles(rootDir: string, scriptPath: string): string[] {
  const seen = new Set<string>();
  const visit = (abs: string): void => {
    const rel = relative(rootDir, abs);
    if (seen.has(rel)) return;
    if (!existsSync(abs))
      throw new UserError(
        `Could not bundle the k6 scenario: ${rel} is imported or opened but does not exist. Fix the import in the scenario.`,
      );
    seen.add(rel);
    if (!abs.endsWith('.ts')) return;
    const source = readFileSync(abs, 'utf8');
    for (const spec of findRelativeImports(source)) visit(resolve(dirname(abs), spec));
    for (const path of findOpenedPaths(source)) visit(resolve(dirname(abs), path));
  };
  visit(resolve(rootDir, scriptPath));
  return [...seen].sort();
}

/** The fixture manifest and every body it names, relative to the fixture set folder. */
export function listFixtureFiles(fixturesDir: string): string[] {
  const manifest = JSON.parse(readFileSync(join(fixturesDir, 'manifest.json'), 'utf8')) as {
    fixtures: { file: string }[];
  };
  return ['manifest.json', ...manifest.fixtures.map((f) => f.file)];
}
