import rule from '../../../../src/lint/rules/drop-capabilities';
import { pod } from '../fixtures';
import { ruleTester } from '../rule-tester';

// securityContext at line 9, capabilities at 10, its entries from 11.
const caps = (body: string) => `    securityContext:\n      capabilities:\n${body}`;

ruleTester(rule, {
  valid: [
    { name: 'drops ALL', code: pod(caps('        drop: [ALL]\n')) },
    { name: 'lowercase and CAP_ prefix are the same capability', code: pod(caps('        drop: ["all"]\n        add: [NET_BIND_SERVICE, cap_chown]\n')) },
    { name: 'Windows pods are exempt (Linux-only field)', code: pod('', '  os: {name: windows}\n') },
    { name: 'ephemeral containers are left to kubectl debug', code: pod(caps('        drop: [ALL]\n'), '  ephemeralContainers:\n  - name: debug\n    image: busybox:1.36\n') },
  ],
  invalid: [
    {
      name: 'no capabilities: point at the container',
      code: pod(),
      errors: [{ line: 7, column: 11, endColumn: 14, message: 'container "app" does not drop ALL capabilities' }],
      suggestionOutput: pod(caps('        drop:\n        - ALL\n')),
    },
    {
      name: 'drops some, adds SYS_ADMIN',
      code: pod(caps('        drop:\n        - NET_RAW\n        add: [CAP_SYS_ADMIN]\n')),
      errors: [
        { line: 11, column: 9, endColumn: 13, message: 'does not drop ALL' },
        { line: 13, column: 15, endColumn: 28, message: 'adds the capability SYS_ADMIN (mounts, namespaces and BPF' },
      ],
      suggestionOutput: pod(caps('        drop:\n        - NET_RAW\n        - ALL\n        add: [CAP_SYS_ADMIN]\n')),
    },
    {
      name: 'drops ALL but adds NET_RAW back and every capability',
      code: pod(caps('        drop: [ALL]\n        add: [net_raw, ALL]\n')),
      errors: [
        { line: 12, column: 15, message: 'adds the capability NET_RAW (raw sockets' },
        { line: 12, column: 24, message: 'adds ALL capabilities' },
      ],
    },
    {
      name: 'flow drop list gets ALL appended',
      code: pod(caps('        drop: [NET_RAW]\n        add: [NET_ADMIN]\n')),
      errors: [{ line: 11, column: 9, message: 'does not drop ALL' }, { line: 12, column: 15, message: 'NET_ADMIN' }],
      suggestionOutput: pod(caps('        drop: [NET_RAW, "ALL"]\n        add: [NET_ADMIN]\n')),
    },
  ],
});
