import rule from '../../../../src/lint/rules/image-pull-policy';
import { pod } from '../fixtures';
import { ruleTester } from '../rule-tester';

const policy = (p: string) => `    imagePullPolicy: ${p}\n`;

ruleTester(rule, {
  valid: [
    { name: 'pinned tag, IfNotPresent', code: pod(policy('IfNotPresent')) },
    { name: ':latest with the default policy (Always)', code: pod('', '', 'nginx:latest') },
    { name: 'untagged with the default policy (Always)', code: pod('', '', 'nginx') },
    { name: ':latest, Always', code: pod(policy('Always'), '', 'nginx:latest') },
    { name: 'a digest, IfNotPresent', code: pod(policy('IfNotPresent'), '', 'nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31') },
    { name: ':latest pinned by digest', code: pod(policy('Never'), '', 'nginx:latest@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31') },
    { name: 'a registry port is not a tag', code: pod(policy('IfNotPresent'), '', 'localhost:5000/app:1.2.3') },
  ],
  invalid: [
    { name: 'untagged, IfNotPresent', code: pod(policy('IfNotPresent'), '', 'nginx'), errors: [{ line: 9, column: 22, endColumn: 34, message: 'Pod web: container "app" runs nginx (no tag) with imagePullPolicy IfNotPresent' }] },
    { name: ':latest, Never', code: pod(policy('Never'), '', 'public.ecr.aws/nginx/nginx:latest'), errors: [{ line: 9, column: 22, message: '(:latest) with imagePullPolicy Never' }] },
    { name: 'untagged behind a registry port', code: pod(policy('IfNotPresent'), '', 'localhost:5000/app'), errors: [{ line: 9, column: 22, message: 'localhost:5000/app (no tag)' }] },
    {
      name: 'an init container',
      code: pod('', '  initContainers:\n  - name: init\n    image: busybox\n    imagePullPolicy: IfNotPresent\n'),
      errors: [{ line: 9, column: 22, message: 'container "init"' }],
    },
  ],
});
