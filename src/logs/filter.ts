// What a log view shows of its buffer: lines matching a text or a regular expression (on the line as displayed,
// so a `pod/container` prefix can be filtered on too) and at or above a level. A line without a level passes a
// level filter only when the filter is off: a minimum level means "only lines that say so".
import type { StoredLine } from './buffer';
import { LEVEL_RANK } from './level';
import type { LogLevel } from './line';

export interface FilterSpec {
  text?: string;
  /** `text` is a regular expression (JavaScript syntax). */
  regex?: boolean;
  caseSensitive?: boolean;
  minLevel?: LogLevel;
}

export type LineFilter = (line: StoredLine, display: string) => boolean;

/** A compiled filter, or the reason a regular expression does not compile. */
export function compileFilter(spec: FilterSpec): { ok: true; test: LineFilter; active: boolean } | { ok: false; error: string } {
  const min = spec.minLevel ? LEVEL_RANK[spec.minLevel] : undefined;
  let match: ((s: string) => boolean) | undefined;
  if (spec.text) {
    if (spec.regex) {
      let re: RegExp;
      try {
        re = new RegExp(spec.text, spec.caseSensitive ? '' : 'i');
      } catch (e) {
        return { ok: false, error: `not a regular expression: ${(e as Error).message}` };
      }
      match = (s) => re.test(s);
    } else if (spec.caseSensitive) {
      const needle = spec.text;
      match = (s) => s.includes(needle);
    } else {
      const needle = spec.text.toLowerCase();
      match = (s) => s.toLowerCase().includes(needle);
    }
  }
  if (!match && min === undefined) return { ok: true, test: () => true, active: false };
  return {
    ok: true,
    active: true,
    test: (line, display) => (min === undefined || (line.level !== undefined && LEVEL_RANK[line.level] >= min)) && (!match || match(display)),
  };
}

export function describeFilter(spec: FilterSpec): string {
  const parts: string[] = [];
  if (spec.text) parts.push(spec.regex ? `/${spec.text}/${spec.caseSensitive ? '' : 'i'}` : `"${spec.text}"`);
  if (spec.minLevel) parts.push(`level >= ${spec.minLevel}`);
  return parts.join(', ');
}
