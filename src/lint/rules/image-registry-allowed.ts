import { parseImage, registryMatches } from '../image-ref';
import { defineRule } from '../rule';

export const DEFAULT_REGISTRIES = ['*.dkr.ecr.*.amazonaws.com', 'public.ecr.aws'];

export default defineRule({
  meta: {
    id: 'image-registry-allowed',
    category: 'images',
    defaultSeverity: 'off',
    description: 'An image comes from a registry outside the allowed list (off until configured).',
    rationale:
      'Pulling from public registries adds rate limits (Docker Hub), an outage dependency and unscanned images. The EKS Best Practices Guide (security: image security) recommends Amazon ECR with image scanning; an ECR pull-through cache rule mirrors public images into your account. Turn the rule on with a severity in .wharf.yaml; `registries` lists allowed hosts (`*` matches one DNS label).',
    fixable: 'none',
  },
  check(ctx) {
    const allowed = ctx.config.registries ?? DEFAULT_REGISTRIES;
    for (const c of ctx.containers()) {
      const image = c.container.image;
      if (typeof image !== 'string' || image.includes('$')) continue;
      const { registry } = parseImage(image);
      if (allowed.some((p) => registryMatches(registry, p))) continue;
      ctx.report({
        object: c.pod.object,
        path: [...c.path, 'image'],
        message: `container "${c.name}" pulls from ${registry}, which is not an allowed registry (${allowed.join(', ')}); mirror it into ECR, e.g. with a pull-through cache rule.`,
      });
    }
  },
});
