import { EXIT } from '../common/core/index.ts';
import { printHelpIfAsked, runCli } from '../common/node/index.ts';
import { REPORT_HELP } from './help/report.ts';
import {
  parseReportArgs,
  buildSummary,
  fetchMockLedgers,
  exitCodeFor,
  loadBaseline,
  loadRunFolder,
  renderTerminal,
  writeReportArtifacts,
} from '../reports/index.ts';

await runCli('report', async () => {
  if (printHelpIfAsked(process.argv.slice(2), REPORT_HELP)) return EXIT.ok;
  const args = parseReportArgs(process.argv.slice(2));
  let folder = loadRunFolder(args.runDir);
  if (args.mockUrls.length) {
    const files = await fetchMockLedgers(args.runDir, args.mockUrls, process.env.WA_MOCK_ADMIN_TOKEN || undefined);
    process.stderr.write(`report: read the ledgers of ${files.length} mock replica(s) into ${files.join(', ')}\n`);
    folder = loadRunFolder(args.runDir);
  }
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
