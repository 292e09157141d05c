import * as path from 'node:path';
import { parseImage } from '../image-ref';
import { defineRule } from '../rule';
import { MAX_ALIAS_COUNT } from '../source';
import { isObj } from '../walk';
import type { Workspace } from '../workspace';

const KUSTOMIZATION = /^kustomization\.ya?ml$/i;

/**
 * Image names a kustomization in the workspace gives a tag or digest (`images: [{name, newTag | digest}]`): the base
 * manifest may leave them untagged because the overlay pins them when it renders.
 */
function kustomizePinned(ws: Workspace): ReadonlySet<string> {
  return ws.memo('image-tag-pinned:kustomize', () => {
    const names = new Set<string>();
    for (const f of ws.allFiles()) {
      if (!KUSTOMIZATION.test(path.basename(f.path))) continue;
      for (const d of f.docs) {
        let v: unknown;
        try {
          v = d.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
        } catch {
          continue;
        }
        const images = isObj(v) ? v.images : undefined;
        if (!Array.isArray(images)) continue;
        for (const i of images) {
          if (isObj(i) && typeof i.name === 'string' && (typeof i.newTag === 'string' || typeof i.newTag === 'number' || typeof i.digest === 'string')) names.add(i.name);
        }
      }
    }
    return names;
  });
}

export default defineRule({
  meta: {
    id: 'image-tag-pinned',
    category: 'images',
    defaultSeverity: 'warning',
    description: 'An image has no tag or a floating one such as :latest (a digest is best).',
    rationale:
      'A moving tag means nodes run whatever the tag pointed to when each one pulled it: rollbacks don\'t roll back and replicas differ. The EKS Best Practices Guide (security: image security) asks for immutable tags, best an image digest, with ECR tag immutability turned on. A registry port (localhost:5000/app) is not a tag; an image that a kustomization in the workspace pins (images: newTag or digest) is not reported.',
    fixable: 'none',
    options: {
      floatingTags: { type: 'string[]', default: ['latest'], description: 'Tags that move and are reported like a missing tag (add e.g. "stable", "main").' },
    },
  },
  check(ctx) {
    const floating = new Set(ctx.options.floatingTags as string[]);
    for (const c of ctx.containers()) {
      const image = c.container.image;
      // `$` is a variable the deploy pipeline substitutes; an empty image is a schema error, not a tag problem.
      if (typeof image !== 'string' || image.trim() === '' || image.includes('$')) continue;
      const ref = parseImage(image);
      if (ref.digest) continue;
      if (ref.tag !== undefined && !floating.has(ref.tag)) continue;
      const name = ref.tag === undefined ? image.trim() : image.trim().slice(0, -(ref.tag.length + 1));
      if (kustomizePinned(ctx.workspace).has(name)) continue;
      ctx.report({
        object: c.pod.object,
        path: [...c.path, 'image'],
        message: `container "${c.name}" uses ${ref.tag === undefined ? 'no tag (so :latest)' : `the floating tag :${ref.tag}`} for ${name}; pin a version tag, or best a digest (@sha256:…), so every node runs the same image.`,
      });
    }
  },
});
