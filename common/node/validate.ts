import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { UserError } from './errors.ts';
import { knownKeysAt, nearestKey } from './known-keys.ts';

/** Formats a zod issue path the way jq does: `.entry[0].changes[0].value`. */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
}

/**
 * The one validation entry point: parses or throws a UserError reading
 * "Invalid <thing> in <file>: <path>: <reason>" (every issue, one per line).
 */
export function validate<S extends z.ZodType>(
  schema: S,
  data: unknown,
  options: { thing: string; filePath?: string },
): z.infer<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const where = options.filePath ? ` in ${options.filePath}` : '';
  const issues = result.error.issues.flatMap(flattenUnion);
  const lines = issues.slice(0, 10).map((i) => `  ${formatPath(i.path)}: ${describeIssue(schema, i, data)}`);
  const more = issues.length > 10 ? `\n  … and ${issues.length - 10} more` : '';
  throw new UserError(`Invalid ${options.thing}${where}:\n${lines.join('\n')}${more}`);
}

/** Issues whose message marks a fallback branch (an open union's "unknown type" branch). */
const FALLBACK_MESSAGES = new Set(['names a known type, but the body does not match that type']);

/**
 * A failed union reports the branch that got furthest (the known type whose body is wrong),
 * not "Invalid input", so the user sees the field to fix.
 */
function flattenUnion(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== 'invalid_union' || !('errors' in issue) || issue.errors.length === 0) return [issue];
  const branches = issue.errors.filter((b) => b.length > 0 && !b.every((i) => FALLBACK_MESSAGES.has(i.message)));
  if (branches.length !== 1) return [issue];
  return branches[0]!.flatMap((i) => flattenUnion({ ...i, path: [...issue.path, ...i.path] } as z.core.$ZodIssue));
}

/** An unknown key names the nearest valid one, so a typo never silently drops a setting. */
function describeIssue(schema: z.ZodType, issue: z.core.$ZodIssue, data: unknown): string {
  if (issue.code !== 'unrecognized_keys') return issue.message;
  const known = knownKeysAt(schema, issue.path, data);
  return issue.keys
    .map((key) => {
      const near = nearestKey(key, known);
      const hint = near
        ? `did you mean "${near}"?`
        : known.length > 0
          ? `valid keys: ${known.join(', ')}`
          : 'remove it';
      return `unknown key "${key}" (${hint})`;
    })
    .join('; ');
}

/** Reads and parses a JSON file, naming the file in every error. */
export function readJsonFile(filePath: string, thing: string): unknown {
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(
      `Could not read ${thing} ${filePath}: ${code === 'ENOENT' ? 'no such file' : String(code)}. Check the path.`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UserError(
      `Invalid ${thing} in ${filePath}: not valid JSON (${(error as Error).message}). Fix the JSON syntax.`,
    );
  }
}
