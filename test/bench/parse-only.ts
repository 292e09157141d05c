// The baseline `cli-speed` compares against: a process that only reads the file and parses every document with
// `yaml` (parseAllDocuments + toJS), the least any YAML linter must do. Bundled like dist/cli.js before timing.
import * as fs from 'node:fs';
import { parseAllDocuments } from 'yaml';

const file = process.argv[2];
if (!file) throw new Error('usage: parse-only FILE');
const parsed = parseAllDocuments(fs.readFileSync(file, 'utf8'));
let objects = 0;
for (const doc of Array.isArray(parsed) ? parsed : []) {
  const value: unknown = doc.toJS();
  if (value && typeof value === 'object') objects++;
}
process.stdout.write(`${objects}\n`);
