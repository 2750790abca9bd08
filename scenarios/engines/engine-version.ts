import { readFileSync } from 'node:fs';

/** `wa-loadtest/<package version>` as recorded in run records' engine.version. */
export const ENGINE_VERSION = readVersion();

function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    return `wa-loadtest/${pkg.version ?? 'unknown'} node/${process.versions.node}`;
  } catch {
    return `wa-loadtest/unknown node/${process.versions.node}`;
  }
}
