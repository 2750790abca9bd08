import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeDir } from '../../common/node/index.ts';
import { renderHtml } from '../render/render-html.ts';
import { renderJunit } from '../render/render-junit.ts';
import { renderMarkdown } from '../render/render-markdown.ts';
import type { Summary } from '../schema/summary-schema.ts';

/**
 * Writes summary.json, report.md, junit.xml and report.html into dir, and appends report.md to
 * the GitHub step summary file when a path is given. Returns the paths written.
 */
export async function writeReportArtifacts(
  summary: Summary,
  dir: string,
  options: { githubStepSummary?: string | undefined } = {},
): Promise<string[]> {
  await makeDir(dir);
  const markdown = renderMarkdown(summary);
  const files: [string, string][] = [
    ['summary.json', JSON.stringify(summary, null, 2) + '\n'],
    ['report.md', markdown],
    ['junit.xml', renderJunit(summary)],
    ['report.html', renderHtml(summary)],
  ];
  const written = await Promise.all(
    files.map(async ([name, text]) => {
      const path = join(dir, name);
      await writeFile(path, text);
      return path;
    }),
  );
  if (options.githubStepSummary) {
    await appendFile(options.githubStepSummary, markdown + '\n');
    written.push(options.githubStepSummary);
  }
  return written;
}
