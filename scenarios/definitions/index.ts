import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ScenarioInput } from '../../common/contracts/index.ts';
import { nearestKey, UserError, readJsonFile } from '../../common/node/index.ts';

/** Where the named scenario definitions live (JSON, shared with the k6 scenario files). */
export const SCENARIO_DEFINITIONS_DIR = fileURLToPath(new URL('./', import.meta.url));

/** Names of the built-in scenarios, sorted. */
export function listScenarios(): string[] {
  return readdirSync(SCENARIO_DEFINITIONS_DIR)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
}

/** The raw (unvalidated, defaults not applied) definition of a named scenario. */
export function loadScenarioDefinition(name: string): ScenarioInput {
  const names = listScenarios();
  if (!names.includes(name)) {
    const near = nearestKey(name, names);
    throw new UserError(
      `Could not find scenario "${name}": no such built-in scenario. ${near ? `Did you mean ${near}? ` : ''}Use one of: ${names.join(', ')}.`,
    );
  }
  return readJsonFile(`${SCENARIO_DEFINITIONS_DIR}${name}.json`, 'scenario definition') as ScenarioInput;
}
