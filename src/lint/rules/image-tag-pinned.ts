import { parseImage } from '../image-ref';
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'image-tag-pinned',
    category: 'images',
    defaultSeverity: 'warning',
    description: 'An image has no tag or uses :latest.',
    rationale:
      'A moving tag means nodes run whatever the tag pointed to when each one pulled it: rollbacks don\'t roll back and replicas differ. The EKS Best Practices Guide (security: image security) asks for immutable tags, best an image digest, with ECR tag immutability turned on.',
    fixable: 'none',
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      const image = c.container.image;
      if (typeof image !== 'string' || image.includes('$')) continue;
      const ref = parseImage(image);
      if (ref.digest) continue;
      if (ref.tag !== undefined && ref.tag !== 'latest') continue;
      ctx.report({
        object: c.pod.object,
        path: [...c.path, 'image'],
        message: `container "${c.name}" uses ${ref.tag === 'latest' ? 'the :latest tag' : 'no tag (:latest)'} for ${image}; pin a version tag or a digest.`,
      });
    }
  },
});
