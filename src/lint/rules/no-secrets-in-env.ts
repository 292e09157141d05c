import { defineRule } from '../rule';
import { isObj } from '../walk';
import { AWS_CREDENTIAL_VARS } from './_aws-credentials';

// Secrets recognisable by their shape, whatever the variable is called.
const ACCESS_KEY_ID = /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/;
const PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----/;
const GITHUB_TOKEN = /\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{50,})\b/;
// scheme://user:password@host, unless the password is a $(VAR) / ${VAR} reference.
const URL_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^\s/@:]*:(?!\$[({])[^\s/@]+@/i;
// An AWS secret access key: 40 base64 characters. Alone, too many things look like that, so it counts only in a
// variable named for one or beside a literal access key id; mixed case keeps lowercase hex digests out.
const AWS_SECRET = /^[A-Za-z0-9/+]{40}$/;
const MIXED_CASE = /[a-z].*[A-Z]|[A-Z].*[a-z]/;
const AWS_SECRET_NAME = /SECRET_?ACCESS_?KEY|AWS.*SECRET|SECRET.*AWS/i;

// Variable names that say "secret": PASSWORD, PASSWD, SECRET, TOKEN, API_KEY / APIKEY, PRIVATE_KEY, as a word of the
// name or at the end of one (DBPASSWORD, CLIENTSECRET, ACCESSTOKEN), but not TOKENIZER.
const SECRET_WORD = /(?:PASSWORD|PASSWD|SECRET|TOKEN)S?$/;
const NAME_SPLIT = /[_.-]+/;
// A word after the secret word that makes the variable about the secret rather than the secret itself:
// TOKEN_URL, SECRET_NAME, PASSWORD_FILE, API_KEY_HEADER, TOKEN_TTL, PASSWORD_MIN_LENGTH.
const REFERENCE_WORDS = new Set([
  'FILE', 'FILES', 'PATH', 'DIR', 'DIRECTORY', 'MOUNT', 'URL', 'URI', 'ENDPOINT', 'HOST', 'HOSTNAME', 'PORT', 'NAME', 'NAMES', 'ARN', 'ID', 'REF',
  'LENGTH', 'LEN', 'TTL', 'EXPIRY', 'EXPIRES', 'EXPIRATION', 'LIFETIME', 'DURATION', 'TIMEOUT', 'INTERVAL', 'SECONDS', 'MINUTES', 'HOURS',
  'TYPE', 'HEADER', 'FIELD', 'PARAM', 'ISSUER', 'AUDIENCE', 'ALGORITHM', 'ALG', 'MODE', 'ENABLED', 'DISABLED', 'REQUIRED', 'POLICY',
  'PROVIDER', 'VERSION', 'NAMESPACE', 'REGION', 'STORE', 'BACKEND', 'KIND', 'FORMAT', 'LIMIT', 'COUNT', 'SIZE',
]);
// Counts of tokens rather than tokens (MAX_TOKENS, NUM_TOKENS), wherever the word stands.
const QUANTITY_WORDS = new Set(['MAX', 'MIN', 'NUM', 'LIMIT', 'COUNT']);
// Values that are not secrets whatever the name: booleans, references to other variables or templates, file paths.
const NON_SECRET_VALUE = /^(?:true|false|yes|no|on|off|none|null|nil|\$\([A-Za-z_][\w.]*\)|\$\{[^}]*\}|\{\{.*\}\}|<[^>]*>|\/[\w.-]+(?:\/[\w.-]+)+\/?)$/i;
const NUMBER = /^-?\d{1,9}(?:\.\d+)?$/;

function isSecretWord(word: string, next: string | undefined): boolean {
  if (SECRET_WORD.test(word) || word === 'APIKEY') return true;
  return (word === 'API' || word === 'PRIVATE') && next === 'KEY';
}

/** Whether the variable's name says it holds a secret (and not a reference to one). */
export function secretName(name: string): boolean {
  const words = name.toUpperCase().split(NAME_SPLIT);
  let last = -1;
  for (let i = 0; i < words.length; i++) if (isSecretWord(words[i], words[i + 1])) last = words[i] === 'API' || words[i] === 'PRIVATE' ? i + 1 : i;
  if (last < 0) return false;
  for (let i = last + 1; i < words.length; i++) if (REFERENCE_WORDS.has(words[i])) return false;
  return !words.some((w) => QUANTITY_WORDS.has(w));
}

interface Kind {
  what: string;
  /** A prefix that names the kind of credential and is safe to show. */
  shown?: string;
}

function classify(name: string, value: string, besideAccessKey: boolean): Kind | undefined {
  const v = value.trim();
  if (v === '') return undefined;
  const key = ACCESS_KEY_ID.exec(v);
  if (key) return { what: 'an AWS access key id', shown: key[0].slice(0, 4) };
  if (PRIVATE_KEY.test(v)) return { what: 'a private key' };
  const gh = GITHUB_TOKEN.exec(v);
  if (gh) return { what: 'a GitHub token', shown: gh[0].slice(0, gh[0].indexOf('_') + 1) };
  if (URL_PASSWORD.test(v)) return { what: 'a URL with an embedded password' };
  if (AWS_SECRET.test(v) && MIXED_CASE.test(v) && (besideAccessKey || AWS_SECRET_NAME.test(name))) return { what: 'an AWS secret access key' };
  if (secretName(name) && !NON_SECRET_VALUE.test(v) && !NUMBER.test(v)) return { what: 'a literal secret' };
  return undefined;
}

export default defineRule({
  meta: {
    id: 'no-secrets-in-env',
    category: 'security',
    defaultSeverity: 'error',
    description: 'An environment variable holds a literal secret (an access key, a private key, a password or token).',
    rationale:
      'A value written into the manifest is in Git, in every `kubectl get -o yaml` and in the pod spec for anyone who can read it. The EKS Best Practices Guide (security: data encryption and secrets management) asks for Kubernetes Secrets (secretKeyRef) with envelope encryption, or AWS Secrets Manager through the Secrets Store CSI driver. Names that refer to a secret (TOKEN_URL, SECRET_NAME, PASSWORD_FILE, ..._TTL) and values that are references ($(VAR), ${VAR}, file paths) are not reported; AWS_ACCESS_KEY_ID and friends are left to no-static-aws-credentials.',
    fixable: 'none',
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      const env = c.container.env;
      if (!Array.isArray(env)) continue;
      const literal = (e: unknown): e is { name: string; value: string | number | boolean } =>
        isObj(e) && typeof e.name === 'string' && (typeof e.value === 'string' || typeof e.value === 'number' || typeof e.value === 'boolean');
      const besideAccessKey = env.some((e) => literal(e) && typeof e.value === 'string' && ACCESS_KEY_ID.test(e.value));
      env.forEach((e, i) => {
        if (!literal(e) || typeof e.value !== 'string') return; // numbers and booleans are settings, not secrets
        if (AWS_CREDENTIAL_VARS.has(e.name)) return;
        const kind = classify(e.name, e.value, besideAccessKey);
        if (!kind) return;
        // The value itself is never printed: findings end up in CI logs and SARIF uploads.
        ctx.report({
          object: c.pod.object,
          path: [...c.path, 'env', i, 'value'],
          message: `container "${c.name}" has ${kind.what} in ${e.name} (${kind.shown ? `${kind.shown}…, ` : ''}value not shown); move it to a Secret (valueFrom.secretKeyRef) or AWS Secrets Manager and rotate it.`,
        });
      });
    }
  },
});
