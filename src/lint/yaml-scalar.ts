// Scalars of the block-YAML reader (block-yaml.ts): plain scalars resolved by the YAML 1.2 core schema, quoted
// scalars written on one line, and literal or folded block scalars. Each returns the value the `yaml` package's
// `toJS()` gives for the same text, or throws Unsupported, and the reader leaves the document to `yaml`.

/** Thrown where the reader meets YAML outside the subset it reads; the document is then parsed by `yaml`. */
export class Unsupported extends Error {}

export const UNSUPPORTED = new Unsupported('outside the block-YAML subset');

// The core schema's tags, in the order `yaml` tries them (YAML 1.2.2, section 10.3.2).
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** The value of a plain scalar under the core schema: null, a boolean, a number or the string itself. */
export function resolvePlain(s: string): unknown {
  if (s.length === 0) return null;
  const c = s.charCodeAt(0);
  // Only these first characters can start a non-string: digits, sign, dot, ~, n/N, t/T, f/F.
  const maybe = (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46 || c === 126 || c === 110 || c === 78 || c === 116 || c === 84 || c === 102 || c === 70;
  if (!maybe) return s;
  if (NULL.test(s)) return null;
  if (BOOL.test(s)) return c === 116 || c === 84;
  if (INT_OCT.test(s)) return parseInt(s.substring(2), 8);
  if (INT.test(s)) return parseInt(s, 10);
  if (INT_HEX.test(s)) return parseInt(s.substring(2), 16);
  if (FLOAT_NAN.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (FLOAT_EXP.test(s) || FLOAT.test(s)) return parseFloat(s);
  return s;
}

/** A plain scalar as a map key: `yaml` turns a key's value into a string (null is the empty string). */
export function plainKey(s: string): string {
  const v = resolvePlain(s);
  return v === null ? '' : typeof v === 'string' ? v : String(v);
}

// Escapes a JSON string also has, with the same meaning in YAML's double-quoted style.
const JSON_ESCAPES = /^(?:[^\\\x00-\x1f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*$/;

/** The body of a double-quoted scalar (between its quotes), its line breaks folded already. */
export function doubleQuoted(body: string): string {
  if (body.indexOf('\\') < 0) {
    for (let i = 0; i < body.length; i++) {
      const c = body.charCodeAt(i);
      if (c < 32 && c !== 9 && c !== 10) throw UNSUPPORTED;
    }
    return body;
  }
  // YAML's other escapes (\x, \U, \e, \N, \_ ...) and tabs beside escapes are rare in manifests: `yaml` reads them.
  const json = body.indexOf('\n') < 0 ? body : body.replace(/\n/g, '\\n');
  if (!JSON_ESCAPES.test(json)) throw UNSUPPORTED;
  return JSON.parse(`"${json}"`) as string;
}

/** The body of a one-line single-quoted scalar: `''` is a quote. */
export function singleQuoted(body: string): string {
  return body.indexOf("'") < 0 ? body : body.replace(/''/g, "'");
}

/**
 * The value of a quoted scalar from the text between its quotes, which may run over lines: each line break is
 * folded to a space, or to a newline per empty line, with the blanks around it dropped.
 */
export function quotedValue(double: boolean, body: string): string {
  if (body.indexOf('\n') >= 0) {
    const lines = body.split('\n');
    const n = lines.length;
    let folded = '';
    let empties = 0;
    for (let i = 0; i < n; i++) {
      let line = lines[i];
      if (i > 0) line = line.replace(/^[ \t]+/, '');
      if (i < n - 1) {
        line = line.replace(/[ \t]+$/, '');
        // An escaped line break or blank (`\` at the end): yaml's rules for it are subtle, so it is yaml's to read.
        if (double && line.endsWith('\\')) throw UNSUPPORTED;
      }
      if (i === 0) folded = line;
      else if (line === '' && i < n - 1) empties++;
      else {
        folded += (empties > 0 ? '\n'.repeat(empties) : ' ') + line;
        empties = 0;
      }
    }
    body = folded;
  }
  return double ? doubleQuoted(body) : singleQuoted(body);
}

export interface BlockHeader {
  folded: boolean;
  /** '' clip, '-' strip, '+' keep. */
  chomp: '' | '-' | '+';
}

/**
 * The value of a block scalar from its content lines, indentation already removed, and the count of empty lines
 * after the last one (kept by `+`). Lines more indented than the first (starting with a space or tab) keep their
 * line breaks when folded.
 */
export function blockValue(h: BlockHeader, lines: string[], trailingEmpty: number): string {
  if (lines.length === 0) throw UNSUPPORTED; // an empty block scalar: left to `yaml`
  let body: string;
  if (!h.folded) {
    body = lines.join('\n');
  } else {
    body = lines[0];
    let empties = 0;
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i];
      if (line.length === 0) {
        empties++;
        continue;
      }
      const prev = lastNonEmpty(lines, i);
      const spaced = isSpaced(line) || isSpaced(prev);
      body += spaced ? '\n'.repeat(empties + 1) : empties > 0 ? '\n'.repeat(empties) : ' ';
      body += line;
      empties = 0;
    }
    if (empties > 0) body += '\n'.repeat(empties);
  }
  if (h.chomp === '-') return body.replace(/\n+$/, '');
  if (h.chomp === '+') return `${body}\n${'\n'.repeat(trailingEmpty)}`;
  return `${body.replace(/\n+$/, '')}\n`;
}

function lastNonEmpty(lines: string[], before: number): string {
  for (let i = before - 1; i >= 0; i--) if (lines[i].length > 0) return lines[i];
  return '';
}

function isSpaced(line: string): boolean {
  const c = line.charCodeAt(0);
  return c === 32 || c === 9;
}
