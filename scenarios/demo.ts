// k6 scenario "demo": run with `k6 run scenarios/demo.ts` (see scenarios/README.md for WA_* variables).
import { createK6Scenario, type K6SetupData, type K6SummaryData } from './k6/k6-scenario.ts';

// open() is called here, in the scenario file, so relative paths resolve from scenarios/.
const scenario = createK6Scenario(open('./definitions/demo.json'), (path) => open(path));

export const options = scenario.options;

export function setup(): K6SetupData {
  return scenario.setup();
}

export default function (data: K6SetupData): void | Promise<void> {
  return scenario.iterate(data);
}

export function handleSummary(data: K6SummaryData): Record<string, string> {
  return scenario.summarize(data);
}
