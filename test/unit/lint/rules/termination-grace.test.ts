import rule from '../../../../src/lint/rules/termination-grace';
import { deployment } from '../fixtures';
import { ruleTester } from '../rule-tester';

const hook = (s: number) => `        lifecycle:\n          preStop:\n            sleep: {seconds: ${s}}\n`;
const execHook = `        lifecycle:\n          preStop:\n            exec:\n              command: ["/bin/sh", "-c", "sleep 40"]\n`;

ruleTester(rule, {
  valid: [
    { name: 'default grace covers a 10s sleep', code: deployment('', hook(10)) },
    { name: 'explicit grace', code: deployment('      terminationGracePeriodSeconds: 60\n', hook(40)) },
  ],
  invalid: [
    {
      name: 'default 30s vs a 28s sleep',
      code: deployment('', hook(28)),
      errors: [{ line: 12, column: 5, message: 'is 30 (default) but preStop sleeps 28s' }],
      output: deployment('', hook(28)) + '      terminationGracePeriodSeconds: 33\n',
    },
    {
      name: 'explicit too short, exec sleep',
      code: deployment('      terminationGracePeriodSeconds: 30\n', execHook),
      errors: [{ line: 13, column: 38, endColumn: 40 }],
      output: deployment('      terminationGracePeriodSeconds: 45\n', execHook),
    },
  ],
});
