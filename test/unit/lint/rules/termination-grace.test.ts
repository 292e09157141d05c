import rule from '../../../../src/lint/rules/termination-grace';
import { deployment, pod } from '../fixtures';
import { ruleTester } from '../rule-tester';

const hook = (s: number) => `        lifecycle:\n          preStop:\n            sleep: {seconds: ${s}}\n`;
const execHook = (cmd: string) => `        lifecycle:\n          preStop:\n            exec:\n              command: ${cmd}\n`;
const grace = (s: number) => `      terminationGracePeriodSeconds: ${s}\n`;

ruleTester(rule, {
  valid: [
    { name: 'no preStop hook', code: deployment() },
    { name: 'the default 30s covers a 10s sleep', code: deployment('', hook(10)) },
    { name: 'exactly the sleep plus the margin', code: deployment('', hook(25)) },
    { name: 'explicit grace covers the sleep', code: deployment(grace(60), hook(40)) },
    { name: 'an exec hook that does not sleep', code: deployment(grace(5), execHook('[/app/drain]')) },
    { name: 'a run-to-completion init container\'s hook is ignored', code: pod('', '  initContainers:\n  - name: init\n    image: busybox:1.36\n    lifecycle: {preStop: {sleep: {seconds: 60}}}\n') },
  ],
  invalid: [
    {
      name: 'default 30s vs a 28s sleep: insert the grace period',
      code: deployment('', hook(28)),
      errors: [{ line: 12, column: 5, endColumn: 9, message: 'Deployment web: terminationGracePeriodSeconds is 30 (the default) but a preStop hook sleeps 28s, leaving 2s' }],
      output: deployment('', hook(28)) + grace(33),
    },
    {
      name: 'explicit and too short, with a shell sleep',
      code: deployment(grace(30), execHook('["/bin/sh", "-c", "sleep 40 && nginx -s quit"]')),
      errors: [{ line: 13, column: 38, endColumn: 40, message: 'raise it to at least 45' }],
      output: deployment(grace(45), execHook('["/bin/sh", "-c", "sleep 40 && nginx -s quit"]')),
    },
    {
      name: 'sleep with a unit',
      code: deployment(grace(30), execHook('[sleep, 1m]')),
      errors: [{ line: 13, column: 38, message: 'sleeps 60s' }],
      output: deployment(grace(65), execHook('[sleep, 1m]')),
    },
    {
      name: 'the longest hook of several containers, with a configured margin',
      code: deployment(grace(20), hook(5) + '      - name: side\n        image: envoyproxy/envoy:v1.31.0\n' + hook(15)),
      config: { rules: { 'termination-grace': { marginSeconds: 10 } } },
      errors: [{ line: 13, column: 38, message: 'sleeps 15s' }],
      output: deployment(grace(25), hook(5) + '      - name: side\n        image: envoyproxy/envoy:v1.31.0\n' + hook(15)),
    },
    {
      name: 'a native sidecar\'s hook counts',
      code: pod('', '  terminationGracePeriodSeconds: 10\n  initContainers:\n  - name: proxy\n    image: envoyproxy/envoy:v1.31.0\n    restartPolicy: Always\n    lifecycle: {preStop: {sleep: {seconds: 10}}}\n'),
      errors: [{ line: 6, column: 34, message: 'sleeps 10s' }],
      output: pod('', '  terminationGracePeriodSeconds: 15\n  initContainers:\n  - name: proxy\n    image: envoyproxy/envoy:v1.31.0\n    restartPolicy: Always\n    lifecycle: {preStop: {sleep: {seconds: 10}}}\n'),
    },
    {
      name: 'a grace period of 0',
      code: pod('    lifecycle: {preStop: {exec: {command: [sleep, "5"]}}}\n', '  terminationGracePeriodSeconds: 0\n'),
      errors: [{ line: 6, column: 34, message: 'is 0 but' }],
      output: pod('    lifecycle: {preStop: {exec: {command: [sleep, "5"]}}}\n', '  terminationGracePeriodSeconds: 10\n'),
    },
  ],
});
