/**
 * Finds what a k6 scenario needs at run time by reading its source text (pure): the relative
 * modules it imports (type-only imports are erased by k6's transpiler and need no file) and the
 * string literals it passes to `open()`.
 */
const IMPORT_RE = /^\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"](\.{1,2}\/[^'"]+)['"]/gm;
const OPEN_RE = /\bopen\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Relative module specifiers of value imports and re-exports, in source order. */
export function findRelativeImports(source: string): string[] {
  return [...source.matchAll(IMPORT_RE)].map((m) => m[1] as string);
}

/** Literal paths passed to k6's `open()`. */
export function findOpenedPaths(source: string): string[] {
  return [...source.matchAll(OPEN_RE)].map((m) => m[1] as string);
}
