import { readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nearestKey, readJsonFile, UserError, validate } from '../../common/node/index.ts';
import { presetSchema, type Preset } from './preset-schema.ts';

/** Where the built-in presets live: one JSON file per preset, named after it. */
export const PRESETS_DIR = fileURLToPath(new URL('./', import.meta.url));

/** A preset as `loadtest` layers it: the partial scenario, and the rest of the preset. */
export interface PresetLayer {
  name: string;
  /** The file it was read from. */
  file: string;
  /** The raw scenario layer (no defaults filled in, so it only overrides what it names). */
  scenario: unknown;
  preset: Preset;
}

/** Names of the built-in presets, sorted. */
export function listPresets(): string[] {
  return readdirSync(PRESETS_DIR)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
}

/** A name is a built-in preset; anything with a slash or ending in .json is a file path. */
function isPath(nameOrPath: string): boolean {
  return nameOrPath.includes('/') || nameOrPath.includes('\\') || nameOrPath.endsWith('.json');
}

/**
 * Reads and validates a preset by built-in name or file path. Unknown names are a UserError
 * listing the valid ones; invalid files name the file and the field.
 */
export function loadPresetLayer(nameOrPath: string): PresetLayer {
  let file: string;
  if (isPath(nameOrPath)) {
    file = resolve(nameOrPath);
  } else {
    const names = listPresets();
    if (!names.includes(nameOrPath)) {
      const near = nearestKey(nameOrPath, names);
      throw new UserError(
        `Could not find preset "${nameOrPath}": no such built-in preset. ${near ? `Did you mean ${near}? ` : ''}Use one of: ${names.join(', ')}, or the path to a preset file (see targets/presets/README.md).`,
      );
    }
    file = `${PRESETS_DIR}${nameOrPath}.json`;
  }
  const data = readJsonFile(file, 'preset');
  const preset = validate(presetSchema, data, { thing: 'preset', filePath: file });
  // A preset's command runs where the preset says, relative to the preset file (a built-in
  // preset's example connector is in ../examples/), wherever loadtest itself was started.
  const command = preset.target?.command;
  if (command?.cwd !== undefined) command.cwd = resolve(dirname(file), command.cwd);
  return { name: preset.name, file, scenario: (data as { scenario: unknown }).scenario, preset };
}
