// The report as Markdown. Links are made by the caller: in VS Code they are command URIs that reveal tree nodes and
// file URIs with line numbers; in an export they become plain text and workspace-relative paths. Pure.
import type { Finding, Link, Report, Severity } from './model';

export type LinkFormatter = (link: Link) => string;

// Words, not emoji: the report is read in editors and terminals whose fonts may lack them.
const LABEL: Record<Severity, string> = { blocker: 'Blocker', warning: 'Warning', info: 'Note', ok: 'OK' };

/** Link text may hold `[`, `]` or backticks from object names; Markdown would misread them. */
export const escapeLinkText = (s: string) => s.replace(/([[\]\\`])/g, '\\$1');

/** A plain-text link formatter, for exports and tests: labels only, files as path:line. */
export const plainLinks: LinkFormatter = (l) => (l.kind === 'url' ? `[${escapeLinkText(l.label)}](${l.url})` : `\`${l.label}\``);

function finding(f: Finding, fmt: LinkFormatter): string[] {
  const out = [`- **${LABEL[f.severity]}**: ${f.text}`];
  if (f.action) out.push(`  - **What to do:** ${f.action}`);
  for (const d of f.details ?? []) out.push(`  - ${d}`);
  if (f.links.length) out.push(`  - Go to: ${f.links.map(fmt).join(' · ')}`);
  return out;
}

export function reportMarkdown(r: Report, fmt: LinkFormatter, opts: { clusterLink?: string } = {}): string {
  const c = r.cluster;
  const who = c.profile ? `, profile ${c.profile}` : '';
  const out: string[] = [`# Upgrade readiness: ${c.name}`, ''];
  out.push(`EKS cluster ${opts.clusterLink ?? `**${c.name}**`} in ${c.region}${who}: Kubernetes **${r.currentVersion}**${c.platformVersion ? ` (${c.platformVersion})` : ''}` +
    `${r.nextVersion ? `, next version **${r.nextVersion}**` : ''}. Read ${r.generatedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')}.`, '');
  const verdict = r.counts.blocker
    ? `**${r.counts.blocker} blocker${r.counts.blocker === 1 ? '' : 's'}** to fix before upgrading${r.nextVersion ? ` to ${r.nextVersion}` : ''}, ${r.counts.warning} warning${r.counts.warning === 1 ? '' : 's'}.`
    : r.counts.warning
      ? `No blockers; ${r.counts.warning} warning${r.counts.warning === 1 ? '' : 's'} to look at.`
      : 'No blockers or warnings found in what could be read.';
  const unread = r.sections.filter((s) => s.problems.length).length;
  out.push(verdict + (unread ? ` ${unread} section${unread === 1 ? '' : 's'} could not be read in full: see each.` : ''), '');
  out.push('| Check | Status | Findings |', '| --- | --- | --- |');
  for (const s of r.sections) {
    const n = (sev: Severity) => s.findings.filter((f) => f.severity === sev).length;
    const count = (sev: Severity, word: string) => n(sev) && `${n(sev)} ${word}${n(sev) === 1 ? '' : 's'}`;
    const parts = [count('blocker', 'blocker'), count('warning', 'warning'), count('info', 'note'), s.problems.length && 'not fully read'].filter(Boolean);
    const worst = n('blocker') ? '**Blocked**' : n('warning') ? 'Warning' : s.problems.length ? 'Unknown' : 'OK';
    out.push(`| ${s.title} | ${worst} | ${parts.join(', ') || 'nothing to do'} |`);
  }
  out.push('');
  for (const s of r.sections) {
    out.push(`## ${s.title}`, '');
    if (s.intro) out.push(s.intro, '');
    for (const p of s.problems) out.push(`> **Not read:** ${p}`, '');
    for (const f of s.findings) out.push(...finding(f, fmt));
    out.push('');
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
