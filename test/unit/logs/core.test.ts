// The plain-Node log core: line splitting on untrusted bytes, Kubernetes timestamps, level detection, the bounded
// buffer with its drop marker, filters that hide without losing, and the time-ordered merger.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineBuffer } from '../../../src/logs/buffer';
import { LogDocument } from '../../../src/logs/document';
import { compileFilter } from '../../../src/logs/filter';
import { detectLevel } from '../../../src/logs/level';
import { LineSplitter, MAX_LINE_CHARS, sanitize, splitStamp, wholeSecond, type LogLine } from '../../../src/logs/line';
import { TimeMerger } from '../../../src/logs/merger';

const split = (chunks: (Buffer | string)[], max?: number) => {
  const s = new LineSplitter(max);
  const out: string[] = [];
  for (const c of chunks) s.write(c, (l) => out.push(l));
  s.end((l) => out.push(l));
  return out;
};

describe('LineSplitter and sanitize', () => {
  it('splits across chunks, CRLF included, and keeps an unterminated rest', () => {
    assert.deepEqual(split(['a\r\nb', 'c\n', '\nd']), ['a', 'bc', '', 'd']);
  });
  it('decodes a UTF-8 character split between chunks, and invalid bytes as U+FFFD', () => {
    const euro = Buffer.from('€\n');
    assert.deepEqual(split([euro.subarray(0, 1), euro.subarray(1)]), ['€']);
    assert.deepEqual(split([Buffer.from([0x61, 0xff, 0xfe, 0x62, 0x0a])]), ['a\ufffd\ufffdb']);
  });
  it('cuts a stream without newlines into bounded pieces', () => {
    const out = split(['x'.repeat(250)], 100);
    assert.deepEqual(out.map((l) => l.length), [100, 100, 50]);
  });
  it('drops ANSI colours, shows other control bytes as U+FFFD and cuts very long lines', () => {
    assert.equal(sanitize('\x1b[31mred\x1b[0m\x00ok\tx'), 'red\ufffdok\tx');
    const long = sanitize('y'.repeat(MAX_LINE_CHARS + 10));
    assert.ok(long.startsWith('y'.repeat(MAX_LINE_CHARS)));
    assert.match(long, /10 more characters cut/);
  });
});

describe('Kubernetes timestamps', () => {
  it('reads an RFC3339Nano stamp whose trailing zeros are trimmed, into a key that orders by time', () => {
    const a = splitStamp('2026-12-02T14:00:00.1Z hello world');
    const b = splitStamp('2026-12-02T14:00:00.099999999Z x');
    assert.equal(a.text, 'hello world');
    assert.equal(a.stamp?.ms, Date.parse('2026-12-02T14:00:00.100Z'));
    assert.ok(b.stamp!.key < a.stamp!.key, 'the key orders to the nanosecond, unlike the raw strings');
    assert.equal(wholeSecond(a.stamp!), '2026-12-02T14:00:00Z');
    assert.equal(splitStamp('no stamp here').stamp, undefined);
    assert.equal(splitStamp('2026-12-02T14:00:00+01:00 z').stamp?.ms, Date.parse('2026-12-02T13:00:00Z'));
  });
});

describe('detectLevel', () => {
  const cases: [string, string | undefined][] = [
    ['INFO request served', 'info'],
    ['2026-12-02 14:00:00 WARN slow', 'warn'],
    ['[error] boom', 'error'],
    ['{"ts":1,"level":"debug","msg":"x"}', 'debug'],
    ['{"severity":"ERROR","message":"x"}', 'error'],
    ['time=1 level=warning msg=x', 'warn'],
    ['E1202 14:00:00.000000       1 reflector.go:1] failed', 'error'],
    ['FATAL cannot start', 'fatal'],
    ['an error occurred in prose', undefined],
    ['INFORMATIONAL is not a level word', undefined],
  ];
  for (const [text, level] of cases) it(`${text} -> ${level}`, () => assert.equal(detectLevel(text), level));
});

describe('LineBuffer', () => {
  it('keeps the last N lines, counts the dropped, and stack-trace lines take their source level', () => {
    const b = new LineBuffer(3);
    for (const t of ['ERROR a', '  at x', 'INFO b', 'INFO c']) b.push({ text: t });
    assert.deepEqual([...b].map((l) => l.text), ['  at x', 'INFO b', 'INFO c']);
    assert.equal(b.at(0)!.level, 'error');
    assert.equal(b.dropped, 1);
    assert.equal(b.firstSeq, 1);
  });
});

describe('filters and LogDocument', () => {
  it('hides lines without losing them, by text, regex and level, and rejects a bad regex', () => {
    const d = new LogDocument(100);
    for (const t of ['INFO GET /a 200', 'WARN slow', 'ERROR POST /b 502', '  at handler']) d.append({ text: t, source: 'web-1/app' });
    assert.equal(d.setFilter({ minLevel: 'warn' }), undefined);
    assert.deepEqual(d.render().text.split('\n'), ['web-1/app | WARN slow', 'web-1/app | ERROR POST /b 502', 'web-1/app |   at handler']);
    d.setFilter({ text: 'post|get', regex: true });
    assert.equal(d.render().shown, 2);
    assert.match(d.setFilter({ text: '(', regex: true }) ?? '', /not a regular expression/);
    assert.equal(d.render().shown, 2, 'the previous filter stays');
    d.setFilter({ text: 'WEB-1' });
    assert.equal(d.render().shown, 4, 'the prefix is filterable; plain text ignores case');
    d.setFilter({});
    assert.equal(d.render().hidden, 0);
  });
  it('shows a marker for dropped lines and timestamps when asked', () => {
    const d = new LogDocument(2, { timestamps: true });
    for (let i = 0; i < 5; i++) d.append({ text: `l${i}`, time: Date.UTC(2026, 11, 2, 14, 0, i) });
    assert.deepEqual(d.render().text.split('\n'), ['… 3 older lines dropped (keeping the last 2)', '2026-12-02T14:00:03.000Z l3', '2026-12-02T14:00:04.000Z l4']);
    assert.equal(compileFilter({}).ok, true);
  });
});

describe('TimeMerger', () => {
  it('orders lines that arrive within the window by timestamp, and holds each for the window', () => {
    let now = 0;
    const out: string[] = [];
    const m = new TimeMerger((l) => out.push(l.text), { windowMs: 1000, now: () => now });
    m.push({ text: 'b@20', time: 20 });
    now = 500;
    m.push({ text: 'a@10', time: 10 });
    m.push({ text: 'c@30', time: 30 });
    m.release();
    assert.deepEqual(out, [], 'nothing leaves before its window');
    now = 1000;
    m.release();
    assert.deepEqual(out, [], 'a@10 arrived at 500 and blocks the later b@20');
    now = 1500;
    m.release();
    assert.deepEqual(out, ['a@10', 'b@20', 'c@30']);
    m.dispose();
  });
  it('stamps untimed lines with their arrival, bounds what it holds, and flushes in order', () => {
    let now = 100;
    const out: LogLine[] = [];
    const m = new TimeMerger((l) => out.push(l), { now: () => now, maxHeld: 2 });
    m.push({ text: 'x', time: 300 });
    m.push({ text: 'untimed' });
    m.push({ text: 'y', time: 50 });
    assert.deepEqual(out.map((l) => l.text), ['y'], 'past maxHeld the oldest-stamped leaves early');
    now = 200;
    m.flush();
    assert.deepEqual(out.map((l) => l.text), ['y', 'untimed', 'x']);
  });
});
