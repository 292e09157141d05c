// Where the "disable" quick fixes write, checked as text and against the engine: after the edit, the finding is gone
// and no other finding appears.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { disableForDocument, disableForLine, docStartOf } from '../../../src/editor/suppress-edits';
import { applyEdits } from '../../../src/lint/edit';
import { lintText } from '../../../src/lint/engine';
import type { TextEdit } from '../../../src/lint/types';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: demo
  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: demo-1, uid: u, controller: true}]
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        privileged: true
`;

const ids = (text: string) => lintText('/t.yaml', text).map((f) => f.ruleId);
const at = (text: string, needle: string) => text.indexOf(needle);
const apply = (text: string, e: TextEdit) => applyEdits(text, [e]);

describe('disable for this line', () => {
  it('inserts the comment above the line with its indentation, and the finding goes away', () => {
    const out = apply(POD, disableForLine(POD, at(POD, 'privileged: true'), 'no-privileged'));
    assert.match(out, /\n {8}# wharf-disable-next-line no-privileged\n {8}privileged: true\n/);
    assert.ok(ids(POD).includes('no-privileged'));
    assert.ok(!ids(out).includes('no-privileged'));
    assert.deepEqual(ids(out), ids(POD).filter((id) => id !== 'no-privileged'));
  });

  it('adds the id to a suppression comment already above the line', () => {
    const once = apply(POD, disableForLine(POD, at(POD, 'privileged: true'), 'no-privileged'));
    const twice = apply(once, disableForLine(once, at(once, 'privileged: true'), 'seccomp-profile'));
    assert.match(twice, /# wharf-disable-next-line no-privileged, seccomp-profile\n {8}privileged: true/);
    const same = disableForLine(once, at(once, 'privileged: true'), 'no-privileged');
    assert.equal(same.text, '', 'an id already there is not added twice');
  });

  it('keeps CRLF line ends and works on the first line', () => {
    const crlf = POD.replace(/\n/g, '\r\n');
    const out = apply(crlf, disableForLine(crlf, at(crlf, 'privileged: true'), 'no-privileged'));
    assert.match(out, /\r\n {8}# wharf-disable-next-line no-privileged\r\n {8}privileged: true\r\n/);
    assert.ok(!ids(out).includes('no-privileged'));
    assert.equal(apply('a: 1\n', disableForLine('a: 1\n', 0, 'x')), '# wharf-disable-next-line x\na: 1\n');
  });
});

describe('disable for this document', () => {
  const two = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n--- # the pod\n${POD}`;

  it('writes after the --- of the document holding the finding, and only that document is affected', () => {
    const offset = at(two, 'privileged: true');
    assert.equal(docStartOf(two, offset), at(two, '--- # the pod'));
    const out = apply(two, disableForDocument(two, offset, 'no-privileged'));
    assert.match(out, /--- # the pod\n# wharf-disable no-privileged\napiVersion: v1\nkind: Pod/);
    assert.ok(!ids(out).includes('no-privileged'));
  });

  it('writes at the start of a file without ---', () => {
    assert.ok(apply(POD, disableForDocument(POD, at(POD, 'privileged: true'), 'no-privileged')).startsWith('# wharf-disable no-privileged\napiVersion: v1\n'));
  });

  it('ignores --- inside a value', () => {
    const text = `data:\n  x: |\n    ---\nkind: Pod\n`;
    assert.equal(docStartOf(text, at(text, 'kind')), 0);
  });
});
