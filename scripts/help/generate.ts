import type { CommandHelp } from '../../common/node/index.ts';
import { GENERATED_TYPES, GENERATOR_LOCALES } from '../../fixtures/index.ts';

/** `npm run generate -- --help`. */
export const GENERATE_HELP: CommandHelp = {
  usage: ['npm run generate -- --out <dir> [flags]'],
  about:
    'Writes a loadable fixture set (synthetic webhooks made with faker, and manifest.json) into a new or empty folder. Same flags, same bytes.',
  flags: [
    { flag: '--out <dir>', help: 'folder to write, new or empty (required)' },
    { flag: '--count <n>', help: 'how many fixtures, 1 to 10000', default: '50' },
    { flag: '--seed <n>', help: 'seed, 0 or more', default: '1' },
    { flag: '--locales <list>', help: 'locales, round-robin', default: GENERATOR_LOCALES.join(',') },
    { flag: '--mix <type=w,…>', help: 'type proportions, e.g. text=5,image=1,status-read=10', default: 'status-heavy' },
  ],
  notes: [`Types (--mix): ${GENERATED_TYPES.join(', ')}`],
  exitCodes: [
    [0, 'written'],
    [2, 'bad flag or a folder that is not empty'],
  ],
};
