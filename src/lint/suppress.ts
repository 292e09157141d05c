// Suppressions: `# wharf-disable-next-line <id>[, <id>]`, `# wharf-disable <id>` (to the end of the document)
// and the annotation `wharf.dev/ignore: "<id>,<id>"` on an object. Unknown ids are reported, not ignored.
import { spanOf } from './locate';
import type { KObject, SourceFile } from './source';
import type { Span } from './types';
import { get } from './walk';

export const IGNORE_ANNOTATION = 'wharf.dev/ignore';

export interface SuppressionRef {
  id: string;
  span: Span;
}

export interface Suppressions {
  isSuppressed(ruleId: string, offset: number, object: KObject | undefined): boolean;
  /** Every id a comment or annotation names, with where it is written. */
  refs: SuppressionRef[];
}

const COMMENT = /#\s*wharf-disable(-next-line)?\b([^\n]*)/g;

export function collectSuppressions(file: SourceFile): Suppressions {
  const refs: SuppressionRef[] = [];
  const nextLine = new Map<number, Set<string>>(); // line (1-based) -> ids
  const ranges: { ids: Set<string>; start: number; end: number }[] = [];
  if (file.text.includes('wharf-disable')) {
    for (const m of file.text.matchAll(COMMENT)) {
      const start = m.index!;
      const idsText = m[2];
      const idsOffset = start + m[0].length - idsText.length;
      const ids = new Set<string>();
      for (const idm of idsText.matchAll(/[a-z0-9-]+/g)) {
        ids.add(idm[0]);
        refs.push({ id: idm[0], span: { start: idsOffset + idm.index!, end: idsOffset + idm.index! + idm[0].length } });
      }
      if (m[1]) {
        nextLine.set(file.lineCounter.linePos(start).line + 1, ids);
      } else {
        // The document holding the comment, or the one it precedes (a comment above the first key).
        const doc = file.docs.find((d) => start <= d.span.end);
        ranges.push({ ids, start, end: doc ? doc.span.end : file.text.length });
      }
    }
  }
  const annotated = new Map<KObject, Set<string>>();
  for (const o of file.objects) {
    const v = get(o.value, ['metadata', 'annotations', IGNORE_ANNOTATION]);
    if (typeof v !== 'string') continue;
    annotated.set(o, new Set(v.split(',').map((s) => s.trim()).filter(Boolean)));
    const node = annotationValueSpan(o);
    for (const id of annotated.get(o)!) {
      const at = file.text.indexOf(id, node.start);
      refs.push({ id, span: at >= 0 && at < node.end ? { start: at, end: at + id.length } : node });
    }
  }
  return {
    refs,
    isSuppressed(ruleId, offset, object) {
      if (object && annotated.get(object)?.has(ruleId)) return true;
      if (nextLine.size && nextLine.get(file.lineCounter.linePos(offset).line)?.has(ruleId)) return true;
      return ranges.some((r) => r.ids.has(ruleId) && offset >= r.start && offset <= r.end);
    },
  };
}

function annotationValueSpan(o: KObject): Span {
  return spanOf(o, ['metadata', 'annotations', IGNORE_ANNOTATION], 'value');
}
