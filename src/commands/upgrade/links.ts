// Links in the report: command URIs that reveal a tree node (or open an object's YAML when the tree does not show
// it), and file URIs with a line. They are Markdown reference links (`[ip-10-0-1-17][n3]`, the targets listed at the
// end) so the text stays readable; the report's link provider makes each label clickable in the editor (the Markdown
// preview runs no command links). Pure string making, unit-tested.
import type { Link } from '../../upgrade/model';
import { escapeLinkText, type LinkFormatter } from '../../upgrade/markdown';
import type { EksClusterRef } from '../../views/target';

export const REVEAL_COMMAND = 'wharf.upgrade.reveal';
const DEFINITIONS_HEADER = '<!-- Link targets: Ctrl/Cmd+click a link above to go to the node or file. -->';

/** What a reveal link carries: the cluster and, for an object, which one. */
export interface RevealArg {
  ref: EksClusterRef;
  link: Exclude<Link, { kind: 'file' | 'url' }>;
}

export function revealUri(arg: RevealArg): string {
  return `command:${REVEAL_COMMAND}?${encodeURIComponent(JSON.stringify([arg]))}`;
}

/** `file:///a/b.yaml` + line 12 -> `file:///a/b.yaml#L12` (VS Code's opener selects that line). */
export const fileLineUri = (uri: string, line: number) => `${uri.split('#')[0]}#L${line}`;

export interface EditorLinks {
  format: LinkFormatter;
  /** The reference definitions to append to the document. */
  definitions(): string;
}

export function editorLinks(ref: EksClusterRef): EditorLinks {
  const ids = new Map<string, string>();
  const idOf = (target: string) => {
    let id = ids.get(target);
    if (!id) ids.set(target, (id = `n${ids.size + 1}`));
    return id;
  };
  return {
    format: (l) => {
      const text = escapeLinkText(l.label);
      if (l.kind === 'url') return `[${text}](${l.url})`;
      const target = l.kind === 'file' ? fileLineUri(l.uri, l.line) : revealUri({ ref, link: l });
      return `[${text}][${idOf(target)}]`;
    },
    definitions: () => (ids.size ? `\n${DEFINITIONS_HEADER}\n\n${[...ids].map(([target, id]) => `[${id}]: ${target}`).join('\n')}\n` : ''),
  };
}

const DEFINITION = /^\[(n\d+)\]: (\S+)$/gm;
const REFERENCE = /\[((?:\\.|[^\]\\\n])*)\]\[(n\d+)\]/g;

function definitionsOf(text: string): Map<string, string> {
  const defs = new Map<string, string>();
  for (const m of text.matchAll(DEFINITION)) defs.set(m[1], m[2]);
  return defs;
}

/** Each reference link's label (offsets in `text`) and its target, for the document link provider. */
export function findLinkTargets(text: string): { start: number; end: number; target: string }[] {
  const defs = definitionsOf(text);
  const out: { start: number; end: number; target: string }[] = [];
  for (const m of text.matchAll(REFERENCE)) {
    const target = defs.get(m[2]);
    if (target) out.push({ start: m.index! + 1, end: m.index! + 1 + m[1].length, target });
  }
  return out;
}

/**
 * The report for a file outside VS Code: reference links to commands and files become their label in a code span
 * (they mean nothing elsewhere; a file's label is its workspace-relative path and line), and their definitions go.
 * Web links stay.
 */
export function exportableMarkdown(text: string): string {
  const defs = definitionsOf(text);
  return text
    .replace(REFERENCE, (all, label: string, id: string) => (defs.has(id) ? `\`${label.replace(/\\(.)/g, '$1')}\`` : all))
    .replace(DEFINITION, '')
    .replace(DEFINITIONS_HEADER, '')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/\s+$/, '\n');
}
