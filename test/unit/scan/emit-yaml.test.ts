import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { emitYaml } from '../../../src/scan/emit-yaml';

const TRICKY = [
  '', ' ', 'a', 'true', 'False', 'yes', 'no', 'on', 'OFF', 'y', 'N', '~', 'null', 'NULL', '1', '-1', '+1', '1.10', '.5', '1e3', '0x1F', '0o17', '.inf', '-.inf', '.NaN',
  '250m', '512Mi', '2026-12-01T10:00:00Z', '1.33', 'v1.33', 'a: b', 'a:b', 'a #b', 'a#b', '#x', '- x', '-x', '? x', ':x', 'x:', 'a ', ' a', '@x', '`x', '!x', '&x', '*x', '|x', '>x', '%x',
  "'x'", '"x"', '{x}', '[x]', 'x, y', 'line1\nline2', 'line1\nline2\n', 'line1\n\nline3\n', 'trailing \nx', '\nleading', 'two\n\n', 'tab\tx', 'cr\r\nx', 'uni é ✓',
  'ctl \u0001 \u007f \u0085 \u2028', 'https://example.com/a?b=c#d', '/etc/app', '123456789012.dkr.ecr.us-east-1.amazonaws.com/x:2.4.1', 'arn:aws:iam::1:role/x', '$(VAR)', '=x',
  '[section]\n    Name  cloudwatch\n', 'a\n  indented\n', 'emoji 😀', 'key with spaces', '123abc', '1.2.3', '08', '0b101', '1_000', '12:30', '1.', '1e', '0x', '0o8', '-.5', '+.inf', '1.0e+3', '123456789012.dkr.ecr.us-east-1.amazonaws.com/r:1',
];

describe('emitYaml', () => {
  it('reads back exactly (strings, keys, numbers, booleans, null, nesting, empties)', () => {
    const obj = {
      strings: TRICKY,
      keys: Object.fromEntries(TRICKY.map((s, i) => [s, i])),
      numbers: [0, 1, -1, 1.5, 1e21, 3.14],
      bools: [true, false],
      nothing: null,
      empty: { map: {}, seq: [], nested: [{}, [], [[1, 'a'], []], [{ a: 1, b: [{ c: 'd' }] }]] },
      list: [{ name: 'app', image: 'nginx:1.27', ports: [{ containerPort: 80 }], env: [{ name: 'X', value: 'line1\nline2\n' }] }, 'plain', 'multi\nline'],
      deep: { a: { b: { c: { d: ['x', { e: 'f' }] } } } },
    };
    const text = emitYaml(obj);
    assert.deepEqual(parse(text), obj, text);
  });

  it('writes block style like kubectl: sequences indented under their key, maps inline after "- "', () => {
    assert.equal(emitYaml({ spec: { containers: [{ name: 'app', image: 'nginx' }] } }), 'spec:\n  containers:\n    - name: app\n      image: nginx\n');
    assert.equal(emitYaml({ data: { 'a.conf': '[x]\n  y\n' } }), 'data:\n  a.conf: |\n    [x]\n      y\n');
    assert.equal(emitYaml({ image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/r:1', v: '1.33', count: 3 }), 'image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/r:1\nv: "1.33"\ncount: 3\n');
  });

  it('each string alone reads back exactly, as a value and as a key', () => {
    for (const s of TRICKY) {
      assert.deepEqual(parse(emitYaml({ v: s })), { v: s }, JSON.stringify(s));
      assert.deepEqual(parse(emitYaml({ [s]: 1 })), { [s]: 1 }, JSON.stringify(s));
      assert.deepEqual(parse(emitYaml({ l: [s] })), { l: [s] }, JSON.stringify(s));
    }
  });
});
