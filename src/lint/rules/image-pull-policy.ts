import { parseImage } from '../image-ref';
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'image-pull-policy',
    category: 'reliability',
    defaultSeverity: 'info',
    description: 'A :latest or untagged image is pulled with an imagePullPolicy other than Always.',
    rationale:
      'With a moving tag and IfNotPresent (or Never), each node keeps whichever version it pulled first, so replicas silently run different code and a rollback may not roll back. The Kubernetes images documentation defaults such images to Always for this reason; the EKS Best Practices Guide (security: image security) prefers immutable tags or digests (see image-tag-pinned).',
    fixable: 'none',
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      const image = c.container.image;
      const policy = c.container.imagePullPolicy;
      // Left unset, the policy of a :latest or untagged image is already Always.
      if (typeof image !== 'string' || policy === undefined || policy === null || policy === 'Always') continue;
      const ref = parseImage(image);
      if (ref.digest || (ref.tag !== undefined && ref.tag !== 'latest')) continue;
      ctx.report({
        object: c.pod.object,
        path: [...c.path, 'imagePullPolicy'],
        message: `container "${c.name}" runs ${image} (${ref.tag === undefined ? 'no tag' : ':latest'}) with imagePullPolicy ${String(policy)}: nodes keep whichever version they pulled first; pin a tag or digest, or pull Always.`,
      });
    }
  },
});
