// Small pure helpers that every node uses to say what it shows: the contextValue grammar, markdown tooltips,
// ages and counts. Kept here so that node files read as "what this row says", not string plumbing.
import type { Icon } from './node';

/**
 * kind, then the set flags in alphabetical order: `pod.crashloop`, `ecsService.execEnabled.external`. Menus in
 * package.json match them with regular expressions (`viewItem =~ /^pod\b.*\.running\b/`), so the order is fixed.
 */
export function contextValue(kind: string, flags: Record<string, boolean | undefined> = {}): string {
  const set = Object.keys(flags).filter((f) => flags[f]).sort();
  return [kind, ...set].join('.');
}

/** Escapes text for a MarkdownString (names can hold `*`, `_`, `[`...). */
export function md(text: string | number | undefined): string {
  return String(text ?? '').replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`);
}

/** A tooltip: a bold title, then `key: value` lines (empty values skipped), then free paragraphs. */
export function tooltip(title: string, rows: [string, string | number | undefined | false][], ...paragraphs: (string | undefined)[]): string {
  const lines = [`**${md(title)}**`, ''];
  for (const [k, v] of rows) if (v !== undefined && v !== false && v !== '') lines.push(`${md(k)}: ${md(v)}  `);
  for (const p of paragraphs) if (p) lines.push('', p);
  return lines.join('\n');
}

/** "5s", "3m", "2h", "4d": kubectl's AGE column. */
export function age(iso: string | undefined, now: Date = new Date()): string | undefined {
  if (!iso) return undefined;
  const s = Math.max(0, Math.floor((now.getTime() - Date.parse(iso)) / 1000));
  if (Number.isNaN(s)) return undefined;
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.floor(s / 60)}m`;
  if (s < 172800) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The last segment of an ARN or a path ("…/service/shop/api" -> "api"). */
export function shortArn(arn: string | undefined): string | undefined {
  return arn?.split('/').pop();
}

/** Description segments joined with " · ", skipping empty ones. */
export function join(...parts: (string | number | false | undefined)[]): string {
  // A bare 0 comes from `count && text`: nothing to say.
  return parts.filter((p) => p !== undefined && p !== false && p !== '' && p !== 0).join(' · ');
}

// State icons: codicons coloured with the theme's own test/problem colours read as state at a glance in every
// theme (light, dark, high contrast) without drawing six variants of a pod; brand-like things (EKS, ECS,
// Kubernetes, a task) are hand-drawn SVGs in media/ so they stand apart from the state icons.
export const ICON = {
  ok: { codicon: 'pass-filled', color: 'testing.iconPassed' },
  running: { codicon: 'circle-filled', color: 'testing.iconPassed' },
  pending: { codicon: 'clock', color: 'editorWarning.foreground' },
  warning: { codicon: 'warning', color: 'editorWarning.foreground' },
  error: { codicon: 'error', color: 'errorForeground' },
  crash: { codicon: 'debug-restart', color: 'errorForeground' },
  image: { codicon: 'cloud-download', color: 'errorForeground' },
  oom: { codicon: 'flame', color: 'errorForeground' },
  done: { codicon: 'check', color: 'disabledForeground' },
  stopped: { codicon: 'circle-slash', color: 'disabledForeground' },
  unknown: { codicon: 'question' },
  folder: { codicon: 'folder' },
  loadMore: { codicon: 'ellipsis' },
  info: { codicon: 'info' },
} satisfies Record<string, Icon>;
