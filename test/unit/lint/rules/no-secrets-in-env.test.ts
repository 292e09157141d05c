import * as assert from 'node:assert/strict';
import { it } from 'node:test';
import rule from '../../../../src/lint/rules/no-secrets-in-env';
import { pod } from '../fixtures';
import { lintWith, ruleTester } from '../rule-tester';

const env = (name: string, value: string) => pod(`    env:\n    - name: ${name}\n      value: ${value}\n`);

ruleTester(rule, {
  valid: [
    { name: 'secretKeyRef', code: pod('    env:\n    - name: DB_PASSWORD\n      valueFrom:\n        secretKeyRef: {name: db, key: password}\n') },
    { name: 'a path to the secret', code: env('DB_PASSWORD_FILE', '/run/secrets/db') },
    { name: 'the name of the secret', code: env('SECRET_NAME', 'prod/db') },
    { name: 'a token URL', code: env('TOKEN_URL', 'https://auth.example.com/token') },
    { name: 'empty', code: env('API_KEY', '""') },
    { name: 'not a secret', code: env('LOG_LEVEL', 'debug') },
    { name: 'AWS keys are the other rule\'s', code: env('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY') },
  ],
  invalid: [
    { name: 'password', code: env('DB_PASSWORD', 'hunter2'), errors: [{ line: 11, column: 14, message: 'a literal secret in DB_PASSWORD' }] },
    { name: 'access key under another name', code: env('BACKUP_CREDS', 'AKIAIOSFODNN7EXAMPLE'), errors: [{ line: 11, column: 14, message: 'an AWS access key id' }] },
    { name: 'private key', code: env('TLS', '"-----BEGIN RSA PRIVATE KEY-----\\nMIIE"'), errors: [{ line: 11, column: 14, message: 'a private key' }] },
    { name: 'GitHub token', code: env('GH', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789'), errors: [{ line: 11, column: 14, message: 'a GitHub token' }] },
  ],
});

it('never prints the secret', () => {
  const [f] = lintWith(rule, { code: env('DB_PASSWORD', 'hunter2') });
  assert.ok(!f.message.includes('hunter2'));
});
