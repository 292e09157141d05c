// How long a container's preStop hook sleeps, for the rules about graceful shutdown.
import { get } from '../walk';

export function preStopSleepSeconds(container: Record<string, unknown>): number | undefined {
  const hook = get(container, ['lifecycle', 'preStop']);
  const s = get(hook, ['sleep', 'seconds']);
  if (typeof s === 'number') return s;
  const cmd = get(hook, ['exec', 'command']);
  if (!Array.isArray(cmd)) return undefined;
  const m = /(?:^|\s)sleep\s+(\d+)/.exec(cmd.map(String).join(' '));
  return m ? Number(m[1]) : undefined;
}
