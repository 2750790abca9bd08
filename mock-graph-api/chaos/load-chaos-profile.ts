import { existsSync } from 'node:fs';
import { nearestKey, readJsonFile, UserError, validate } from '../../common/node/index.ts';
import { BUILTIN_PROFILES } from './builtin-profiles.ts';
import { chaosProfileSchema, type ChaosProfile } from './profile-schema.ts';

/** A built-in profile by name, or a JSON profile file; UserError naming the file and field otherwise. */
export function loadChaosProfile(nameOrPath: string): ChaosProfile {
  const builtin = BUILTIN_PROFILES.get(nameOrPath);
  if (builtin) return structuredClone(builtin);
  if (!existsSync(nameOrPath)) {
    throw new UserError(
      `Could not load chaos profile "${nameOrPath}": it is neither a built-in profile nor an existing file. ${didYouMean(nameOrPath)}Use one of ${[...BUILTIN_PROFILES.keys()].join(', ')} or a path to a JSON profile.`,
    );
  }
  return validate(chaosProfileSchema, readJsonFile(nameOrPath, 'chaos profile'), {
    thing: 'chaos profile',
    filePath: nameOrPath,
  });
}

function didYouMean(name: string): string {
  const near = nearestKey(name, [...BUILTIN_PROFILES.keys()]);
  return near ? `Did you mean ${near}? ` : '';
}
