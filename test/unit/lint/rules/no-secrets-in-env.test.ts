import * as assert from 'node:assert/strict';
import { it } from 'node:test';
import rule, { secretName } from '../../../../src/lint/rules/no-secrets-in-env';
import { pod } from '../fixtures';
import { lintWith, ruleTester, type InvalidCase } from '../rule-tester';

// The value of the first variable is at line 11, column 14.
const env = (name: string, value: string, more = '') => pod(`    env:\n    - name: ${name}\n      value: ${value}\n${more}`);
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

const invalid: InvalidCase[] = [
  { name: 'password', code: env('DB_PASSWORD', 'hunter2'), errors: [{ line: 11, column: 14, endColumn: 21, message: 'has a literal secret in DB_PASSWORD (value not shown)' }] },
  { name: 'API key', code: env('STRIPE_API_KEY', 'sk_live_abc123'), errors: [{ line: 11, column: 14, message: 'a literal secret in STRIPE_API_KEY' }] },
  { name: 'a secret word inside a longer word', code: env('clientSecret', 'abc123def'), errors: [{ line: 11, column: 14, message: 'in clientSecret' }] },
  { name: 'SECRET_KEY_BASE is the secret itself', code: env('SECRET_KEY_BASE', 'a1b2c3d4e5'), errors: [{ line: 11, column: 14 }] },
  { name: 'a placeholder is still a literal default', code: env('ADMIN_PASSWORD', 'changeme'), errors: [{ line: 11, column: 14 }] },
  { name: 'access key id under another name', code: env('BACKUP_CREDS', 'AKIAIOSFODNN7EXAMPLE'), errors: [{ line: 11, column: 14, message: 'an AWS access key id in BACKUP_CREDS (AKIA…, value not shown)' }] },
  { name: 'temporary access key id', code: env('CREDS', '"ASIAIOSFODNN7EXAMPLE"'), errors: [{ line: 11, column: 14, message: 'an AWS access key id' }] },
  {
    name: 'a secret access key beside its key id, both under other names',
    code: env('BACKUP_ID', 'AKIAIOSFODNN7EXAMPLE', `    - name: BACKUP_KEY\n      value: ${AWS_SECRET}\n`),
    errors: [{ line: 11, column: 14, message: 'AWS access key id' }, { line: 13, column: 14, message: 'an AWS secret access key in BACKUP_KEY' }],
  },
  {
    name: 'a commit hash beside an access key id is not a secret access key',
    code: env('GIT_SHA', 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3', '    - name: UPLOAD_ID\n      value: AKIAIOSFODNN7EXAMPLE\n'),
    errors: [{ line: 13, column: 14, message: 'an AWS access key id in UPLOAD_ID' }],
  },
  { name: 'a secret access key under a name that says so', code: env('S3_SECRET_ACCESS_KEY', AWS_SECRET), errors: [{ line: 11, column: 14, message: 'an AWS secret access key' }] },
  {
    name: 'private key in a block scalar',
    code: env('TLS', '|\n        -----BEGIN OPENSSH PRIVATE KEY-----\n        b3BlbnNzaC1rZXktdjEAAAAA\n        -----END OPENSSH PRIVATE KEY-----'),
    errors: [{ line: 11, column: 14, message: 'a private key in TLS (value not shown)' }],
  },
  { name: 'GitHub token', code: env('GH', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789'), errors: [{ line: 11, column: 14, message: 'a GitHub token in GH (ghp_…, value not shown)' }] },
  { name: 'a URL with a password', code: env('DATABASE_URL', 'postgres://app:s3cret@db.internal:5432/app'), errors: [{ line: 11, column: 14, message: 'a URL with an embedded password' }] },
  {
    name: 'init container of a Deployment',
    code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      initContainers:
      - name: migrate
        image: migrate:4
        env: [{name: PGPASSWORD, value: postgres}]
      containers:
      - name: api
        image: api:1.0
`,
    errors: [{ line: 12, column: 41, message: /^Deployment api: container "migrate" has a literal secret in PGPASSWORD/ }],
  },
];

ruleTester(rule, {
  valid: [
    { name: 'secretKeyRef', code: pod('    env:\n    - name: DB_PASSWORD\n      valueFrom:\n        secretKeyRef: {name: db, key: password}\n') },
    { name: 'a path to the secret', code: env('DB_PASSWORD_FILE', '/run/secrets/db') },
    { name: 'the name of the secret', code: env('SECRET_NAME', 'prod/db') },
    { name: 'a Secrets Manager id', code: env('DB_SECRET_ID', 'prod/db-credentials') },
    { name: 'a token URL', code: env('TOKEN_URL', 'https://auth.example.com/token') },
    { name: 'a header name', code: env('API_KEY_HEADER', 'X-Api-Key') },
    { name: 'a lifetime', code: env('JWT_TOKEN_TTL', '1h') },
    { name: 'a policy setting', code: env('PASSWORD_MIN_LENGTH', '"12"') },
    { name: 'a token count', code: env('MAX_TOKENS', '"4096"') },
    { name: 'TOKENIZER is not TOKEN', code: env('TOKENIZER_MODEL', 'bert-base-uncased') },
    { name: 'a boolean flag', code: env('ENABLE_TOKEN_AUTH', '"true"') },
    { name: 'a dependent variable reference', code: env('REDIS_PASSWORD', '$(SHARED_REDIS_PASSWORD)') },
    { name: 'an envsubst placeholder', code: env('DB_PASSWORD', '${DB_PASSWORD}') },
    { name: 'a path value', code: env('VAULT_TOKEN', '/var/run/secrets/vault/token') },
    { name: 'empty', code: env('API_KEY', '""') },
    { name: 'not a secret', code: env('LOG_LEVEL', 'debug') },
    { name: 'a URL whose password is a reference', code: env('DATABASE_URL', 'postgres://app:$(DB_PASSWORD)@db:5432/app') },
    { name: 'a URL without a password', code: env('AUTH_URL', 'https://user@auth.example.com/') },
    { name: 'AWS credential variables are no-static-aws-credentials\'s', code: env('AWS_SECRET_ACCESS_KEY', AWS_SECRET, '    - name: AWS_ACCESS_KEY_ID\n      value: AKIAIOSFODNN7EXAMPLE\n') },
    { name: 'not Kubernetes', code: 'environment:\n  DB_PASSWORD: hunter2\n' },
  ],
  invalid,
});

it('never prints the secret', () => {
  for (const c of invalid) {
    for (const f of lintWith(rule, c)) {
      for (const secret of ['hunter2', 'sk_live_abc123', 'abc123def', 'changeme', 'IOSFODNN7EXAMPLE', 'EXAMPLEKEY', 'b3BlbnNza', 'abcdefghij', 's3cret', 'postgres\n']) {
        assert.ok(!f.message.includes(secret), `${f.message} shows ${secret}`);
      }
    }
  }
});

it('tells names of secrets from names about secrets', () => {
  for (const n of ['DB_PASSWORD', 'PASSWD', 'GITHUB_TOKEN', 'ACCESS_TOKEN', 'client-secret', 'APIKEY', 'X_API_KEY', 'PRIVATE_KEY', 'SECRETS']) assert.ok(secretName(n), n);
  for (const n of ['TOKEN_URL', 'SECRET_NAME', 'PASSWORD_FILE', 'SECRET_ARN', 'TOKEN_EXPIRY_SECONDS', 'MAX_TOKENS', 'PUBLIC_KEY', 'KEY_ID', 'TOKENIZER', 'PWD']) assert.ok(!secretName(n), n);
});
