// A real validating admission webhook for the local API servers: an HTTPS server (certificate from the test PKI) that
// the API servers call with AdmissionReview v1 for the kinds in RULES, registered by a ValidatingWebhookConfiguration.
// Its policy is small and says plainly why it refuses, like a Gatekeeper or Kyverno policy would:
//   - an object labelled `wharf-test/deny: "true"` is refused;
//   - a pod template (or pod) with an image from registry.forbidden.example is refused, naming the container;
//   - an object annotated `wharf-test/warn: <text>` is admitted with <text> as an admission warning, which the API
//     server returns as a `Warning` header (how Wharf's handling of warnings is tested with a real server).
// sideEffects None, so dry-run requests reach it too (the API server refuses dry-run for webhooks with side effects).
import * as fs from 'node:fs';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { kubeRequest, type AdminCreds } from './kube-api';

export const DENY_LABEL = 'wharf-test/deny';
export const WARN_ANNOTATION = 'wharf-test/warn';
export const FORBIDDEN_REGISTRY = 'registry.forbidden.example';
export const WEBHOOK_NAME = 'policy.wharf-test.local';
const CONFIG_NAME = 'wharf-test-policy';

export interface AdmissionWebhook {
  url: string;
  /** Requests reviewed so far, to see that the API server did call it. */
  reviews(): number;
  close(): Promise<void>;
}

interface Review {
  request?: { uid: string; object?: Record<string, unknown>; dryRun?: boolean };
}

type Container = { name?: string; image?: string };

function podSpecOf(obj: Record<string, unknown>): Record<string, unknown> | undefined {
  const spec = obj.spec as Record<string, unknown> | undefined;
  if (!spec) return undefined;
  if (obj.kind === 'Pod') return spec;
  if (obj.kind === 'CronJob') return ((spec.jobTemplate as Record<string, unknown>)?.spec as Record<string, { spec?: Record<string, unknown> }>)?.template?.spec;
  return (spec.template as { spec?: Record<string, unknown> } | undefined)?.spec;
}

/** The verdict on one object: undefined to admit, else the message the API server shows. */
export function policyVerdict(obj: Record<string, unknown>): string | undefined {
  const meta = (obj.metadata ?? {}) as { labels?: Record<string, string> };
  if (meta.labels?.[DENY_LABEL] === 'true') return `objects labelled ${DENY_LABEL}=true are refused by the wharf-test policy`;
  const pod = podSpecOf(obj);
  for (const c of [...((pod?.initContainers as Container[]) ?? []), ...((pod?.containers as Container[]) ?? [])]) {
    if (c.image?.startsWith(`${FORBIDDEN_REGISTRY}/`)) return `container "${c.name}" uses image ${c.image}: images from ${FORBIDDEN_REGISTRY} are not allowed in this cluster`;
  }
  return undefined;
}

export async function startAdmissionWebhook(opts: { cert: string; key: string }): Promise<AdmissionWebhook> {
  let reviews = 0;
  const server = https.createServer({ cert: fs.readFileSync(opts.cert), key: fs.readFileSync(opts.key) }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let review: Review;
      try {
        review = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Review;
      } catch {
        res.writeHead(400).end('not an AdmissionReview');
        return;
      }
      reviews++;
      const obj = review.request?.object ?? {};
      const denied = policyVerdict(obj);
      const warn = ((obj.metadata ?? {}) as { annotations?: Record<string, string> }).annotations?.[WARN_ANNOTATION];
      const response = {
        uid: review.request?.uid ?? '',
        allowed: !denied,
        ...(denied ? { status: { code: 403, reason: 'Forbidden', message: denied } } : {}),
        ...(warn ? { warnings: [warn] } : {}),
      };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/validate`;
  return {
    url,
    reviews: () => reviews,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * Registers the webhook with one API server and waits until that server enforces it (its webhook configuration is
 * picked up by an informer, a moment after the create): a dry-run of a labelled ConfigMap must be refused.
 */
export async function registerAdmissionWebhook(c: AdminCreds, url: string, caFile: string, timeoutMs = 30_000): Promise<void> {
  const config = {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingWebhookConfiguration',
    metadata: { name: CONFIG_NAME },
    webhooks: [{
      name: WEBHOOK_NAME,
      clientConfig: { url, caBundle: fs.readFileSync(caFile).toString('base64') },
      // Not pods: the controllers' pods (thousands in the scale tests) need no review; their templates had one.
      rules: [{ operations: ['CREATE', 'UPDATE'], apiGroups: ['', 'apps', 'batch'], apiVersions: ['v1'], resources: ['deployments', 'statefulsets', 'daemonsets', 'jobs', 'cronjobs', 'configmaps', 'services'], scope: '*' }],
      admissionReviewVersions: ['v1'],
      sideEffects: 'None',
      // A slow or stopped harness webhook must not break unrelated tests; the tests that need a denial assert one.
      failurePolicy: 'Ignore',
      timeoutSeconds: 5,
    }],
  };
  const r = await kubeRequest(c, 'POST', '/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations', config);
  if (r.status >= 300 && r.status !== 409) throw new Error(`registering the admission webhook: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
  const probe = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'wharf-webhook-probe', namespace: 'default', labels: { [DENY_LABEL]: 'true' } } };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await kubeRequest(c, 'POST', '/api/v1/namespaces/default/configmaps?dryRun=All', probe);
    if (res.status === 403) return;
    if (Date.now() > deadline) throw new Error(`the admission webhook at ${url} was not enforced within ${timeoutMs / 1000} s (last answer ${res.status})`);
    await new Promise((r2) => setTimeout(r2, 100));
  }
}
