// JSON data (a live object) as block-style YAML, fast: a scan renders every object it lints, and the `yaml`
// library's general stringifier was a fifth of the scan's CPU. Only what JSON holds (maps, sequences, strings,
// numbers, booleans, null) is handled. Strings are plain only when plain YAML reads them back as the same string
// (not a number, boolean or null, no indicator or `: ` / ` #`); multi-line strings are literal blocks when that is
// exact; anything else is double-quoted with JSON's escapes, which YAML's double-quoted style shares. Round-trips are
// unit-tested against the `yaml` parser (test/unit/scan/emit-yaml.test.ts).

const SAFE_PLAIN = /^[A-Za-z0-9_./$][A-Za-z0-9_./@:+=\-,()$ ]*$/;
const RESERVED = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N)$/;
// YAML 1.2 core schema numbers (what the `yaml` library resolves), anchored: "123456789012.dkr.ecr..." stays plain.
const NUMBER_LIKE = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const NON_PRINTABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\ufeff\ud800-\udfff]/;

function plainOk(s: string): boolean {
  if (!SAFE_PLAIN.test(s) || RESERVED.test(s)) return false;
  if (s.endsWith(' ') || s.endsWith(':') || s.includes(': ') || s.includes(' #')) return false;
  return !NUMBER_LIKE.test(s);
}

function quoted(s: string): string {
  return JSON.stringify(s).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function scalar(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return plainOk(v) ? v : quoted(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return quoted(String(v));
}

/** A literal block (`|` or `|-`) reads back exactly: lines without trailing blanks, no leading blank, one final newline at most. */
function literalHeader(s: string): string | undefined {
  if (!s.includes('\n') || NON_PRINTABLE.test(s) || /^[ \t\n]/.test(s) || /[ \t]\n|[ \t]$|\r|\t/.test(s)) return undefined;
  const body = s.endsWith('\n') ? s.slice(0, -1) : s;
  if (body.endsWith('\n') || body === '') return undefined;
  return s.endsWith('\n') ? '|' : '|-';
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function entries(m: Record<string, unknown>): [string, unknown][] {
  return Object.entries(m).filter(([, v]) => v !== undefined);
}

function value(prefix: string, v: unknown, ind: number, out: string[]): void {
  if (Array.isArray(v)) {
    if (v.length === 0) out.push(`${prefix} []`);
    else {
      out.push(prefix);
      seq(v, ind + 2, out);
    }
  } else if (isMap(v)) {
    const es = entries(v);
    if (es.length === 0) out.push(`${prefix} {}`);
    else {
      out.push(prefix);
      map(es, ind + 2, out);
    }
  } else if (typeof v === 'string' && literalHeader(v)) {
    out.push(`${prefix} ${literalHeader(v)}`);
    const pad = ' '.repeat(ind + 2);
    for (const line of (v.endsWith('\n') ? v.slice(0, -1) : v).split('\n')) out.push(line ? pad + line : '');
  } else out.push(`${prefix} ${scalar(v)}`);
}

function map(es: [string, unknown][], ind: number, out: string[], firstLead?: string): void {
  const pad = ' '.repeat(ind);
  es.forEach(([k, v], i) => value(`${i === 0 && firstLead !== undefined ? firstLead : pad}${scalar(k)}:`, v, ind, out));
}

function seq(items: unknown[], ind: number, out: string[]): void {
  const lead = `${' '.repeat(ind)}- `;
  for (const it of items) {
    if (isMap(it) && entries(it).length) map(entries(it), ind + 2, out, lead);
    else if (Array.isArray(it) && it.length) {
      out.push(lead.trimEnd());
      seq(it, ind + 2, out);
    } else if (typeof it === 'string' && literalHeader(it)) value(lead.trimEnd(), it, ind, out);
    else if (isMap(it)) out.push(`${lead}{}`);
    else if (Array.isArray(it)) out.push(`${lead}[]`);
    else out.push(lead + scalar(it));
  }
}

/** A JSON object as a YAML document (ends with a newline). */
export function emitYaml(obj: Record<string, unknown>): string {
  const out: string[] = [];
  const es = entries(obj);
  if (es.length === 0) return '{}\n';
  map(es, 0, out);
  return out.join('\n') + '\n';
}
