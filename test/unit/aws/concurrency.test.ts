import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chunks, mapLimit } from '../../../src/aws/concurrency';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('mapLimit', () => {
  it('keeps the items\' order and never runs more than the limit at once', async () => {
    let inFlight = 0;
    let max = 0;
    const out = await mapLimit([5, 1, 4, 2, 3, 0, 6], 3, async (n) => {
      inFlight++;
      max = Math.max(max, inFlight);
      await tick(n * 2);
      inFlight--;
      return n * 10;
    });
    assert.deepEqual(out, [50, 10, 40, 20, 30, 0, 60]);
    assert.equal(max, 3);
  });

  it('rejects with the first failure and starts nothing after it', async () => {
    const started: number[] = [];
    await assert.rejects(mapLimit([1, 2, 3, 4, 5, 6], 2, async (n) => {
      started.push(n);
      await tick(1);
      if (n === 2) throw new Error('boom');
      return n;
    }), /boom/);
    await tick(20);
    assert.ok(started.length <= 3, `started ${started.join(',')}`);
  });

  it('an abort mid-way rejects at once and starts no further item', async () => {
    const ac = new AbortController();
    const started: number[] = [];
    const run = mapLimit([1, 2, 3, 4, 5, 6, 7, 8], 2, async (n) => {
      started.push(n);
      if (n === 3) ac.abort();
      await tick(5);
      return n;
    }, ac.signal);
    await assert.rejects(run, (e: Error) => e.name === 'AbortError');
    await tick(30);
    assert.deepEqual(started, [1, 2, 3]);
  });

  it('an already aborted signal runs nothing', async () => {
    let ran = 0;
    await assert.rejects(mapLimit([1], 4, async () => ran++, AbortSignal.abort()), (e: Error) => e.name === 'AbortError');
    await assert.rejects(mapLimit([], 4, async () => ran++, AbortSignal.abort()), (e: Error) => e.name === 'AbortError');
    assert.equal(ran, 0);
  });

  it('chunks slices at the batch size', () => {
    assert.deepEqual(chunks([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]);
    assert.deepEqual(chunks([], 10), []);
  });
});
