import tseslint from 'typescript-eslint';

const noVscode = { name: 'vscode', message: 'lint/, aws/, kube/ and ecs-exec/ are plain Node: no vscode import.' };
const noAws = { group: ['@aws-sdk/*', '@smithy/*'], message: 'lint/ is pure: no AWS SDK.' };
const noKube = { group: ['@kubernetes/*'], message: 'lint/ is pure: no Kubernetes client.' };
const noNet = ['http', 'https', 'net', 'tls', 'node:http', 'node:https', 'node:net', 'node:tls', 'ws'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test/env/k8s/**', '.cache/**', 'out/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/lint/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noVscode, ...noNet.map((name) => ({ name, message: 'lint/ is pure: no network.' }))],
        patterns: [noAws, noKube, { group: ['**/editor/*', '**/aws/*', '**/kube/*', '**/views/*', '**/commands/*'], message: 'lint/ depends on nothing outside lint/.' }],
      }],
    },
  },
  {
    files: ['src/aws/**/*.ts', 'src/kube/**/*.ts', 'src/ecs-exec/**/*.ts', 'src/cli.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode] }] },
  },
);
