// Splits a file into its YAML documents and reads each with the block reader (block-yaml.ts), falling back to the
// `yaml` package per document. A document the reader took is composed by `yaml` only if something asks for its
// nodes (a quick fix's edits), from its own slice of the text, with offsets into the whole file.
import { parseAllDocuments, type Document } from 'yaml';
import { readBlockDocument, type ReadDoc } from './block-yaml';
import { shiftDoc } from './shift-doc';
import { Unsupported } from './yaml-scalar';

export interface DocumentRegion {
  /** Where the document starts: its `---` marker, else the line of its first content. */
  start: number;
  /** Where the slice handed to `yaml` starts (the region's start, comments before the content included). */
  sliceStart: number;
  /** Where its content starts (after the marker's line). */
  contentStart: number;
  /** Where it ends: the next `---`, after a `...` line, or the end of the text. */
  end: number;
  /** Content after `---` on the marker's line (`--- |`, `--- !tag`): left to `yaml`. */
  inline: boolean;
}

const MARKER = /^(?:---|\.\.\.)(?=[ \t\n]|$)/gm;

/**
 * The documents of `text`, or undefined when the file needs `yaml` whole: a directive (`%YAML`), a byte-order mark,
 * carriage returns, or content after a `...` marker.
 */
export function documentRegions(text: string): DocumentRegion[] | undefined {
  if (text.charCodeAt(0) === 0xfeff || text.includes('\r') || /^%/m.test(text)) return undefined;
  const out: DocumentRegion[] = [];
  let cursor = 0;
  let open: DocumentRegion | undefined; // a region opened by `---`
  const close = (end: number) => {
    if (open) {
      open.end = end;
      out.push(open);
    } else {
      const first = firstContent(text, cursor, end);
      if (first >= 0) out.push({ start: text.lastIndexOf('\n', first - 1) + 1, sliceStart: cursor, contentStart: cursor, end, inline: false });
    }
    open = undefined;
  };
  MARKER.lastIndex = 0;
  for (let m = MARKER.exec(text); m; m = MARKER.exec(text)) {
    const at = m.index;
    const nl = text.indexOf('\n', at);
    const lineEnd = nl < 0 ? text.length : nl + 1;
    const rest = text.slice(at + 3, lineEnd).trim();
    const inline = rest !== '' && !rest.startsWith('#');
    if (m[0] === '---') {
      close(at);
      open = { start: at, sliceStart: at, contentStart: lineEnd, end: text.length, inline };
    } else {
      if (inline) return undefined; // content after `...`: an error, reported by yaml as it reads the whole file
      close(lineEnd);
    }
    cursor = open ? open.contentStart : lineEnd;
  }
  close(text.length);
  return out;
}

/** The offset of the first character that is not a blank, a line break or part of a comment, or -1. */
function firstContent(text: string, from: number, end: number): number {
  let i = from;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10) i++;
    else if (c === 35) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? end : nl + 1;
    } else return i;
  }
  return -1;
}

/** One document's slice parsed by `yaml`, with ranges shifted to offsets into the whole text; undefined if it is not one document. */
export function composeRegion(text: string, r: DocumentRegion, prepare: (slice: string) => string = (x) => x): Document.Parsed | undefined {
  const parsed = parseAllDocuments(prepare(text.slice(r.sliceStart, r.end)), { prettyErrors: false, uniqueKeys: false });
  if (!Array.isArray(parsed) || parsed.length !== 1) return undefined;
  shiftDoc(parsed[0], r.sliceStart);
  return parsed[0];
}

/** Reads a region with the block reader, or returns undefined where it needs `yaml`. */
export function readRegion(text: string, r: DocumentRegion, scalarRanges?: [number, number][]): ReadDoc | undefined {
  if (r.inline) return undefined;
  try {
    return readBlockDocument(text, r.contentStart, r.end, scalarRanges);
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}
