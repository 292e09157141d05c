// The level of a log line, read from how common loggers write it: a bare word (`ERROR`, `[warn]`), JSON
// (`"level":"error"`, `"severity":"ERROR"`), logfmt (`level=warn`), or klog/glog's one-letter prefix (`E1202 ...`).
// Only the head of the line is read: levels are written first, and a long line must stay cheap.
import type { LogLevel } from './line';

export const LEVELS: readonly LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];
export const LEVEL_RANK: Record<LogLevel, number> = { trace: 0, debug: 1, info: 2, warn: 3, error: 4, fatal: 5 };

const WORD: Record<string, LogLevel> = {
  trace: 'trace', debug: 'debug', dbug: 'debug', info: 'info', information: 'info', notice: 'info', warn: 'warn', warning: 'warn',
  error: 'error', err: 'error', eror: 'error', fatal: 'fatal', crit: 'fatal', critical: 'fatal', panic: 'fatal', emerg: 'fatal', alert: 'fatal',
};

const HEAD = 200;
const KEYED = /["']?(?:level|lvl|severity|loglevel)["']?\s*[:=]\s*["']?([a-z]+)/i;
// Bare words only in capitals (prose says "error" too); lower case only inside brackets: `[warn]`, `<error>`.
const BARE = /(?:^|[\s[(|:<])(TRACE|DEBUG|DBUG|INFO|NOTICE|WARN(?:ING)?|ERROR|ERR|EROR|FATAL|CRIT(?:ICAL)?|PANIC|EMERG|ALERT)(?=$|[\s\]):|,>])/;
const BRACKET = /[[<](trace|debug|info|warn(?:ing)?|error|err|fatal|critical|panic)[\]>]/i;
const KLOG = /^([IWEF])\d{4} \d\d:\d\d:\d\d/;
const KLOG_LEVEL: Record<string, LogLevel> = { I: 'info', W: 'warn', E: 'error', F: 'fatal' };

/** The level word that most lines start with (`INFO ...`, `[warn] ...`), found without a regular expression. */
function firstWord(text: string): LogLevel | undefined {
  let start = 0;
  const c0 = text.charCodeAt(0);
  if (c0 === 91 /* [ */ || c0 === 60 /* < */) start = 1;
  let end = start;
  while (end < text.length && end - start <= 11) {
    const c = text.charCodeAt(end);
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) break;
    end++;
  }
  if (end === start || end - start > 11) return undefined;
  const next = text.charCodeAt(end);
  if (end < text.length && next !== 32 && next !== 9 && next !== 58 && next !== 93 && next !== 62 && next !== 44) return undefined;
  const word = text.slice(start, end);
  // Bare words count only in capitals, as below; bracketed ones in any case.
  if (start === 0 && word !== word.toUpperCase()) return undefined;
  return WORD[word.toLowerCase()];
}

export function detectLevel(text: string): LogLevel | undefined {
  const first = firstWord(text);
  if (first) return first;
  const head = text.length > HEAD ? text.slice(0, HEAD) : text;
  const k = KLOG.exec(head);
  if (k) return KLOG_LEVEL[k[1]];
  const keyed = KEYED.exec(head);
  if (keyed) {
    const l = WORD[keyed[1].toLowerCase()];
    if (l) return l;
  }
  const bare = BARE.exec(head) ?? BRACKET.exec(head);
  return bare ? WORD[bare[1].toLowerCase()] : undefined;
}
