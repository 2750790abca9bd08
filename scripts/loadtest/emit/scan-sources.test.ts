import { describe, expect, it } from 'vitest';
import { findOpenedPaths, findRelativeImports } from './scan-sources.ts';

describe('scanning k6 sources', () => {
  it('finds value imports and re-exports, multi-line ones included, and skips type-only and package imports', () => {
    const source = [
      "import http from 'k6/http';",
      "import { a, type B } from './a.ts';",
      "import type { C } from './c.ts';",
      'import {\n  d,\n  e,\n} from "../d.ts";',
      "export { f } from './f.ts';",
      "export type { G } from './g.ts';",
      "import './side-effect.ts';",
    ].join('\n');
    expect(findRelativeImports(source)).toEqual(['./a.ts', '../d.ts', './f.ts', './side-effect.ts']);
  });

  it('finds literal open() paths but not computed ones', () => {
    expect(
      findOpenedPaths(
        'const d = open(\'./definitions/smoke.json\'); const f = open(`${dir}/x.json`); open("../y.txt")',
      ),
    ).toEqual(['./definitions/smoke.json', '../y.txt']);
  });
});
