import { UserError } from '../../common/node/index.ts';

export interface DrillPlan {
  kind: 'drain' | 'restart';
  atS: number;
}

/** `drain@20s`, `restart@1m30s`, `drain@45` → a drill at that second of the load. */
export function parseDrill(text: string, durationS: number): DrillPlan {
  const match = /^(drain|restart)@(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s?)?$/.exec(text.trim());
  const atS = match ? Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0) : NaN;
  if (!match || (!match[2] && !match[3])) {
    throw new UserError(
      `Could not read --drill "${text}": expected drain@<time> or restart@<time>, e.g. --drill drain@20s.`,
    );
  }
  if (!(atS > 0 && atS < durationS)) {
    throw new UserError(
      `Could not schedule --drill ${text}: ${atS} s is not inside the ${durationS} s load. Pick a time between 0 and ${durationS} s.`,
    );
  }
  return { kind: match[1] as DrillPlan['kind'], atS };
}
