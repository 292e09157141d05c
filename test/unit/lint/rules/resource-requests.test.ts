import rule from '../../../../src/lint/rules/resource-requests';
import { pod } from '../fixtures';
import { ruleTester } from '../rule-tester';

const NOTE = ' # placeholder: set from measured usage';

ruleTester(rule, {
  valid: [
    { name: 'both requested', code: pod('    resources:\n      requests: {cpu: 250m, memory: 256Mi}\n') },
    { name: 'limits only: the API server copies limits into the unset requests', code: pod('    resources:\n      limits: {cpu: 500m, memory: 256Mi}\n') },
    { name: 'a request of one and a limit of the other', code: pod('    resources:\n      requests: {cpu: 250m}\n      limits: {memory: 256Mi}\n') },
    { name: 'zero is still a request', code: pod('    resources:\n      requests: {cpu: 0, memory: 64Mi}\n') },
    { name: 'ephemeral containers may not declare resources', code: pod('    resources: {requests: {cpu: 10m, memory: 16Mi}}\n  ephemeralContainers:\n  - name: debug\n    image: busybox:1.36\n') },
  ],
  invalid: [
    {
      name: 'no resources at all',
      code: pod(),
      errors: [{ line: 7, column: 11, endColumn: 14, message: 'Pod web: container "app" has no cpu or memory request' }],
      suggestionOutput: pod(`    resources:\n      requests:\n        cpu: 100m${NOTE}\n        memory: 128Mi${NOTE}\n`),
    },
    {
      name: 'memory only',
      code: pod('    resources:\n      requests:\n        memory: 256Mi\n'),
      errors: [{ line: 10, column: 7, endColumn: 15, message: 'no cpu request' }],
      suggestionOutput: pod(`    resources:\n      requests:\n        memory: 256Mi\n        cpu: 100m${NOTE}\n`),
    },
    {
      name: 'a memory limit stands for the memory request (the API server copies it); cpu is still missing',
      code: pod('    resources:\n      limits:\n        memory: 256Mi\n'),
      errors: [{ line: 7, column: 11, message: 'container "app" has no cpu request:' }],
      suggestionOutput: pod(`    resources:\n      limits:\n        memory: 256Mi\n      requests:\n        cpu: 100m${NOTE}\n`),
    },
    {
      name: 'a cpu limit alone: only memory is missing, and the message says so',
      code: pod('    resources:\n      limits:\n        cpu: 500m\n'),
      errors: [{ line: 7, column: 11, message: 'container "app" has no memory request:' }],
    },
    {
      name: 'a flow map takes the note after it',
      code: pod('    resources:\n      requests: {cpu: 500m}\n'),
      errors: [{ line: 10, column: 7, message: 'no memory request' }],
      suggestionOutput: pod(`    resources:\n      requests: {cpu: 500m, memory: "128Mi"}${NOTE}\n`),
    },
    {
      name: 'a nested flow map gets no comment (it would hide the closing brace)',
      code: pod('    resources: {requests: {cpu: 500m}}\n'),
      errors: [{ line: 9, column: 17, message: 'no memory request' }],
      suggestionOutput: pod('    resources: {requests: {cpu: 500m, memory: "128Mi"}}\n'),
    },
    {
      name: 'init containers are scheduled by their requests too',
      code: pod('    resources: {requests: {cpu: 10m, memory: 16Mi}}\n', '  initContainers:\n  - name: migrate\n    image: flyway/flyway:10\n'),
      errors: [{ line: 7, column: 11, message: 'container "migrate"' }],
    },
  ],
});
