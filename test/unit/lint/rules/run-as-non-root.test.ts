import rule from '../../../../src/lint/rules/run-as-non-root';
import { deployment, pod } from '../fixtures';
import { ruleTester } from '../rule-tester';

const side = '      - name: side\n        image: envoy:1.31\n';
const init = '      initContainers:\n      - name: init\n        image: busybox:1.36\n';

ruleTester(rule, {
  valid: [
    { name: 'pod level covers every container', code: deployment(`      securityContext:\n        runAsNonRoot: true\n${init}`, side) },
    { name: 'container level', code: pod('    securityContext:\n      runAsNonRoot: true\n') },
    { name: 'numeric user at pod level', code: pod('', '  securityContext:\n    runAsUser: 1000\n') },
    { name: 'numeric user at container level', code: pod('    securityContext:\n      runAsUser: 65532\n') },
    { name: 'container user overrides a root pod user', code: pod('    securityContext:\n      runAsUser: 1000\n', '  securityContext:\n    runAsUser: 0\n') },
    { name: 'ephemeral containers are left to kubectl debug', code: pod('', '  securityContext: {runAsNonRoot: true}\n  ephemeralContainers:\n  - name: debug\n    image: busybox:1.36\n') },
    { name: 'Windows pods are exempt (Linux-only field)', code: pod('', '  os: {name: windows}\n', 'mcr.microsoft.com/windows/nanoserver:ltsc2022') },
    { name: 'not a workload', code: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports: [{port: 80}]\n' },
  ],
  invalid: [
    {
      name: 'nothing set: one finding at the pod spec',
      code: pod(),
      errors: [{ line: 5, column: 1, endColumn: 5, message: 'container "app" may run as root: neither the pod nor the container sets' }],
      suggestionOutput: pod() + '  securityContext:\n    runAsNonRoot: true\n',
    },
    {
      name: 'several containers without it: one finding at the pod securityContext',
      code: deployment(`      securityContext:\n        fsGroup: 2000\n${init}`, side),
      errors: [{ line: 13, column: 7, endColumn: 22, message: 'containers "init", "app", "side" may run as root' }],
      suggestionOutput: deployment(`      securityContext:\n        fsGroup: 2000\n        runAsNonRoot: true\n${init}`, side),
    },
    {
      name: 'only the container that lacks it is named',
      code: deployment('', `        securityContext: {runAsNonRoot: true}\n${side}`),
      errors: [{ line: 12, column: 5, message: /^Deployment web: container "side" may run as root/ }],
    },
    {
      name: 'container runs as UID 0 against a non-root pod',
      code: pod('    securityContext:\n      runAsUser: 0\n', '  securityContext:\n    runAsNonRoot: true\n'),
      errors: [{ line: 12, column: 18, endColumn: 19, message: 'runs as root (runAsUser: 0), which also contradicts runAsNonRoot: true' }],
    },
    {
      name: 'container turns it off',
      code: pod('    securityContext:\n      runAsNonRoot: false\n', '  securityContext:\n    runAsNonRoot: true\n'),
      errors: [{ line: 12, column: 21, endColumn: 26, message: 'container "app" sets runAsNonRoot: false' }],
      suggestionOutput: pod('    securityContext:\n      runAsNonRoot: true\n', '  securityContext:\n    runAsNonRoot: true\n'),
    },
    {
      name: 'pod says false: one finding for its containers',
      code: pod('  - name: side\n    image: envoy:1.31\n', '  securityContext:\n    runAsNonRoot: false\n'),
      errors: [{ line: 7, column: 19, endColumn: 24, message: 'the pod sets runAsNonRoot: false, so containers "app", "side" may run as root' }],
      suggestionOutput: pod('  - name: side\n    image: envoy:1.31\n', '  securityContext:\n    runAsNonRoot: true\n'),
    },
    {
      name: 'pod runs as UID 0',
      code: pod('', '  securityContext:\n    runAsUser: 0\n'),
      errors: [{ line: 7, column: 16, message: 'the pod sets runAsUser: 0, so container "app" runs as root' }],
    },
  ],
});
