import { parseImage } from '../image-ref';
import { defineRule } from '../rule';

export const DEFAULT_REGISTRIES = ['*.dkr.ecr.*.amazonaws.com', 'public.ecr.aws'];

// Docker Hub answers to several names; an image with no registry is on it too.
const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

// Upstreams an ECR pull-through cache rule can mirror, with the repository prefix the console proposes for each.
const PULL_THROUGH: readonly (readonly [RegExp, string])[] = [
  [/^docker\.io$/, 'docker-hub'],
  [/^public\.ecr\.aws$/, 'ecr-public'],
  [/^quay\.io$/, 'quay'],
  [/^registry\.k8s\.io$/, 'kubernetes'],
  [/^ghcr\.io$/, 'github'],
  [/^registry\.gitlab\.com$/, 'gitlab'],
  [/^[^.]+\.azurecr\.io$/, 'azure'],
];

interface Pattern {
  host: RegExp;
  /** Repository prefix, for patterns such as `ghcr.io/my-org`. */
  repository?: string;
}

const compiled = new Map<string, Pattern>();

/** `*` stands for one DNS label (never a dot), so `*.amazonaws.com` can't match `x.amazonaws.com.evil.io`. */
function compile(pattern: string): Pattern {
  let p = compiled.get(pattern);
  if (!p) {
    const slash = pattern.indexOf('/');
    const hostPart = (slash < 0 ? pattern : pattern.slice(0, slash)).toLowerCase();
    const host = DOCKER_HUB.has(hostPart) ? 'docker.io' : hostPart;
    const source = host.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^./]+');
    const repository = slash < 0 ? undefined : pattern.slice(slash + 1).replace(/\/+$/, '');
    p = { host: new RegExp(`^${source}$`), ...(repository ? { repository } : {}) };
    compiled.set(pattern, p);
  }
  return p;
}

export function allowedBy(image: string, patterns: readonly string[]): { registry: string; allowed: boolean } {
  const ref = parseImage(image);
  const raw = ref.registry.toLowerCase();
  const registry = DOCKER_HUB.has(raw) ? 'docker.io' : raw;
  // Docker Hub's official images live under library/: `nginx` is docker.io/library/nginx.
  const repository = registry === 'docker.io' && !ref.repository.includes('/') ? `library/${ref.repository}` : ref.repository;
  const allowed = patterns.some((pattern) => {
    const p = compile(pattern);
    if (!p.host.test(registry)) return false;
    return p.repository === undefined || repository === p.repository || repository.startsWith(p.repository + '/');
  });
  return { registry, allowed };
}

export default defineRule({
  meta: {
    id: 'image-registry-allowed',
    category: 'images',
    defaultSeverity: 'off',
    description: 'An image comes from a registry outside the allowed list (off until configured).',
    rationale:
      'Pulling from public registries adds rate limits (Docker Hub), an outage dependency and unscanned images. The EKS Best Practices Guide (security: image security) recommends Amazon ECR with image scanning; an ECR pull-through cache rule mirrors Docker Hub, Quay, registry.k8s.io, GitHub, GitLab, Azure and ECR Public images into your account. Turn the rule on with a severity in .wharf.yaml (`rules: {image-registry-allowed: warning}`); `registries` lists the allowed hosts, where `*` matches one DNS label and `host/prefix` allows only repositories under that prefix. Without `registries` the allowed list is Amazon ECR (`*.dkr.ecr.*.amazonaws.com`) and ECR Public (`public.ecr.aws`).',
    fixable: 'none',
  },
  check(ctx) {
    const patterns = ctx.config.registries ?? DEFAULT_REGISTRIES;
    for (const c of ctx.containers()) {
      const image = c.container.image;
      if (typeof image !== 'string' || image.trim() === '' || image.includes('$')) continue;
      const { registry, allowed } = allowedBy(image, patterns);
      if (allowed) continue;
      const cache = PULL_THROUGH.find(([re]) => re.test(registry));
      const advice = cache
        ? `mirror it with an ECR pull-through cache rule for ${registry} and pull <account>.dkr.ecr.<region>.amazonaws.com/${cache[1]}/…`
        : `copy it into Amazon ECR (an ECR pull-through cache can't mirror ${registry})`;
      ctx.report({
        object: c.pod.object,
        path: [...c.path, 'image'],
        message: `container "${c.name}" pulls from ${registry}, which is not an allowed registry (${patterns.join(', ')}); ${advice}, or add the registry to \`registries\` in .wharf.yaml.`,
      });
    }
  },
});
