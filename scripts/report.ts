import { EXIT } from '../common/core/index.ts';
import { runCli } from '../common/node/index.ts';
import {
  REPORT_USAGE,
  parseReportArgs,
  buildSummary,
  exitCodeFor,
  loadBaseline,
  loadRunFolder,
  renderTerminal,
  writeReportArtifacts,
} from '../reports/index.ts';

await runCli('report', async () => {
  const args = parseReportArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(REPORT_USAGE + '\n');
    return EXIT.ok;
  }
  const folder = loadRunFolder(args.runDir);
  const baseline = args.baseline === undefined ? undefined : loadBaseline(args.baseline);
  const summary = buildSummary({ ...folder, ...(baseline ? { baseline } : {}), tolerances: args.tolerances });
  const written = await writeReportArtifacts(summary, args.outDir, {
    githubStepSummary: process.env.GITHUB_STEP_SUMMARY,
  });
  const color = args.color ?? (Boolean(process.stdout.isTTY) && !process.env.NO_COLOR);
  process.stdout.write(renderTerminal(summary, { color }) + '\n');
  process.stderr.write(`report: wrote ${written.join(', ')}\n`);
  return exitCodeFor(summary);
});
