import { defineRule } from '../rule';
import { envVars } from '../walk';
import { AWS_CREDENTIAL_VARS } from './no-static-aws-credentials';

const ACCESS_KEY = /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/;
const PRIVATE_KEY = /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/;
const GITHUB_TOKEN = /\bgh[pousr]_[A-Za-z0-9]{36,}\b/;
const SECRET_NAME = /PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY/i;
// Names that hold a reference to a secret, not the secret: a file, a path, a URL, the secret's name or ARN.
const REFERENCE_NAME = /(?:_FILE|_PATH|_DIR|_URL|_URI|_ENDPOINT|_NAME|_ARN|_ID|_KEY_REF|_REF|_LENGTH|_TTL|_EXPIRY|_EXPIRES|_TYPE)$/i;
// Values that are clearly not secrets: empty, booleans, placeholders, references.
const NON_SECRET_VALUE = /^(?:|true|false|yes|no|none|null|changeme|\$\(.*\)|\$\{.*\}|<.*>)$/i;

function kindOf(name: string, value: string): string | undefined {
  if (ACCESS_KEY.test(value)) return 'an AWS access key id';
  if (PRIVATE_KEY.test(value)) return 'a private key';
  if (GITHUB_TOKEN.test(value)) return 'a GitHub token';
  if (SECRET_NAME.test(name) && !REFERENCE_NAME.test(name) && !NON_SECRET_VALUE.test(value.trim())) return 'a literal secret';
  return undefined;
}

export default defineRule({
  meta: {
    id: 'no-secrets-in-env',
    category: 'security',
    defaultSeverity: 'error',
    description: 'An environment variable holds a literal secret (an access key, a private key, a password or token).',
    rationale:
      'A value written into the manifest is in Git, in every `kubectl get -o yaml` and in the pod spec for anyone who can read it. The EKS Best Practices Guide (security: data encryption and secrets management) asks for Kubernetes Secrets (secretKeyRef) with envelope encryption, or AWS Secrets Manager through the Secrets Store CSI driver.',
    fixable: 'none',
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      for (const { index: i, name, entry: e } of envVars(c)) {
        if (e.value === undefined || e.value === null) continue;
        if (AWS_CREDENTIAL_VARS.has(name)) continue; // no-static-aws-credentials reports these
        const kind = kindOf(name, String(e.value));
        if (!kind) continue;
        ctx.report({
          object: c.pod.object,
          path: [...c.path, 'env', i, 'value'],
          message: `container "${c.name}" has ${kind} in ${name}; move it to a Secret (valueFrom.secretKeyRef) or AWS Secrets Manager.`,
        });
      }
    }
  },
});
