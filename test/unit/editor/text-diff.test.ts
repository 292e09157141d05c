import * as assert from 'node:assert/strict';
import { it } from 'node:test';
import { commonEdit } from '../../../src/editor/text-diff';
import { applyEdits } from '../../../src/lint/edit';

it('replaces only what changed, and the result is the new text', () => {
  const cases: [string, string][] = [
    ['abc', 'abc'],
    ['abc', 'abXc'],
    ['aaaa', 'aa'],
    ['', 'x'],
    ['x', ''],
    ['a: 1\nb: 2\n', 'a: 1\nc: 3\nb: 2\n'],
    ['😀x', '😁x'],
    ['x😀', 'x😁'],
  ];
  for (const [before, after] of cases) {
    const e = commonEdit(before, after);
    if (before === after) {
      assert.equal(e, undefined);
      continue;
    }
    assert.ok(e);
    assert.equal(applyEdits(before, [e]), after, JSON.stringify([before, after]));
    // Never inside a surrogate pair.
    for (const off of [e.start, e.end]) assert.ok(!/[\udc00-\udfff]/.test(before[off] ?? ''), `${JSON.stringify(before)} split at ${off}`);
  }
  assert.deepEqual(commonEdit('a: 1\nb: 2\n', 'a: 1\nc: 3\nb: 2\n'), { start: 5, end: 5, text: 'c: 3\n' });
});
