import * as fs from 'node:fs';
import * as path from 'node:path';
import { withReference } from './rule-docs';

const file = path.resolve(__dirname, '../../README.md');
fs.writeFileSync(file, withReference(fs.readFileSync(file, 'utf8')));
console.log(`updated the rule reference in ${path.relative(process.cwd(), file)}`);
