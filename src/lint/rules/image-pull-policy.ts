import { parseImage } from '../image-ref';
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'image-pull-policy',
    category: 'reliability',
    defaultSeverity: 'info',
    description: 'A :latest or untagged image is not pulled with imagePullPolicy: Always.',
    rationale:
      'With a moving tag and IfNotPresent (or Never), each node keeps whatever version it pulled first, so replicas silently run different code. Kubernetes\' image documentation notes that :latest defaults to Always for this reason; pin a tag (image-tag-pinned) or pull Always.',
    fixable: 'none',
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      const image = c.container.image;
      const policy = c.container.imagePullPolicy;
      if (typeof image !== 'string' || policy === undefined || policy === 'Always') continue;
      const ref = parseImage(image);
      if (ref.digest || (ref.tag !== undefined && ref.tag !== 'latest')) continue;
      ctx.report({
        object: c.pod.object,
        path: [...c.path, 'imagePullPolicy'],
        message: `container "${c.name}" pulls the moving tag of ${image} with imagePullPolicy ${String(policy)}: nodes keep different versions.`,
      });
    }
  },
});
