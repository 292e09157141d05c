// Large JSON output in pieces. A 10,000-object run has ~17,000 findings: one JSON.stringify of all of them holds
// every finding's object and the whole text at once (+25 MB peak for JSON, +90 MB for SARIF). Writing item by
// item gives byte-for-byte what JSON.stringify(value, null, 2) would.

const CHUNK = 1 << 16;

/** Writes `items` mapped by `toJson` as the pretty JSON array JSON.stringify would print at nesting depth `indent`. */
export function writeJsonArray<T>(items: readonly T[], toJson: (item: T) => unknown, indent: number, write: (s: string) => void): void {
  if (items.length === 0) {
    write('[]');
    return;
  }
  const pad = ' '.repeat(indent + 2);
  let buf = '[\n';
  items.forEach((item, i) => {
    // JSON strings never hold a raw newline, so indenting every line is exact.
    buf += pad + JSON.stringify(toJson(item), null, 2).replace(/\n/g, `\n${pad}`) + (i < items.length - 1 ? ',\n' : '\n');
    if (buf.length >= CHUNK) {
      write(buf);
      buf = '';
    }
  });
  write(`${buf}${' '.repeat(indent)}]`);
}

/**
 * Writes `skeleton` pretty-printed, with the array `items` (mapped by `toJson`) where the skeleton holds the string
 * `marker`: the small envelope is stringified whole, the large array streamed.
 */
export function writeJsonWith<T>(skeleton: unknown, marker: string, items: readonly T[], toJson: (item: T) => unknown, write: (s: string) => void): void {
  const text = JSON.stringify(skeleton, null, 2);
  const quoted = JSON.stringify(marker);
  const at = text.indexOf(quoted);
  if (at < 0) throw new Error(`marker ${marker} not in the skeleton`);
  const lineStart = text.lastIndexOf('\n', at) + 1;
  const indent = /^ */.exec(text.slice(lineStart))![0].length;
  write(text.slice(0, at));
  writeJsonArray(items, toJson, indent, write);
  write(text.slice(at + quoted.length) + '\n');
}
