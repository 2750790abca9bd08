import type { z } from 'zod';
import { UserError, readJsonFile, validate } from '../../common/node/index.ts';

/**
 * Reads a schema-versioned JSON file: a version mismatch gets its own message (it means a
 * reporter/engine version skew, not a corrupt file), then the schema validates the rest.
 */
export function readVersionedJson<S extends z.ZodType>(
  filePath: string,
  thing: string,
  schema: S,
  expectedVersion: number,
): z.infer<S> {
  const data = readJsonFile(filePath, thing);
  const version = data && typeof data === 'object' ? (data as { schemaVersion?: unknown }).schemaVersion : undefined;
  if (version !== undefined && version !== expectedVersion) {
    throw new UserError(
      `Could not read ${thing} ${filePath}: schema version ${JSON.stringify(version)} is not supported (this reporter reads version ${expectedVersion}). Re-render it with the wa-loadtest version that wrote it, or re-run the test.`,
    );
  }
  return validate(schema, data, { thing, filePath });
}
