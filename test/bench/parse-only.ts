// The baseline `cli-speed` compares against: a process that only reads the files and parses every document with
// `yaml` (parseAllDocuments + toJS), the least any YAML linter must do. Bundled like dist/cli.js before timing.
// Prints how many documents are objects (mappings), the count a linter could at most check.
import * as fs from 'node:fs';
import { parseAllDocuments } from 'yaml';

const files = process.argv.slice(2);
if (files.length === 0) throw new Error('usage: parse-only FILE...');
let objects = 0;
for (const file of files) {
  const parsed = parseAllDocuments(fs.readFileSync(file, 'utf8'));
  for (const doc of Array.isArray(parsed) ? parsed : []) {
    const value: unknown = doc.toJS();
    if (value && typeof value === 'object') objects++;
  }
}
process.stdout.write(`${objects}\n`);
