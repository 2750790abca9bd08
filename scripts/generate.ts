/**
 * `npm run generate -- --count N --seed S --locales pt_BR,es,ar,hi,en --mix text=5,status-read=10 --out <dir>`
 * Writes a loadable fixture set into a new or empty folder; same options, same bytes. Exit codes: 0 ok, 2 bad input.
 */
import {
  checkGenerateOutDir,
  generateFixtureSet,
  loadFixtureSet,
  parseGenerateArgs,
  validateFixtureSet,
  writeFixtureFiles,
} from '../fixtures/index.ts';
import { EXIT } from '../common/core/index.ts';
import { printHelpIfAsked, runCli } from '../common/node/index.ts';
import { GENERATE_HELP } from './help/generate.ts';

await runCli('generate', async () => {
  if (printHelpIfAsked(process.argv.slice(2), GENERATE_HELP)) return EXIT.ok;
  const { out, options } = parseGenerateArgs(process.argv.slice(2));
  checkGenerateOutDir(out);
  const { files } = generateFixtureSet(options);
  writeFixtureFiles(out, files);
  // Proves the output is a loadable, schema-valid set before anyone replays it.
  const validated = validateFixtureSet(loadFixtureSet(out));
  process.stdout.write(
    `generate: wrote ${validated.length} fixtures and manifest.json to ${out} (seed ${options.seed})\n`,
  );
});
