// Re-linting after a keystroke without re-parsing the whole file. The editor calls this on every (debounced) edit.
//
// Measured with test/bench/editor-relint.ts (5,000-line manifest, one-character edits): a full parse + lint took a
// median of ~55-60 ms, of which parsing is ~90%. Parsing incrementally (incremental-parse.ts: only the documents
// an edit touched are parsed again) brings the median to ~5-8 ms. Caching findings per document as well (with what
// each rule read from the workspace) was tried and measured slower, ~10-15 ms: the rules index the workspace once
// per run, so a whole-file lint is cheap and the bookkeeping cost more than it saved.
import type { ResolvedConfig } from './config';
import { lintFile } from './engine';
import { IncrementalParser } from './incremental-parse';
import type { Rule } from './rule';
import type { SourceFile } from './source';
import type { Finding } from './types';
import type { Workspace } from './workspace';

export { IncrementalParser, type IncrementalParse, type Segment } from './incremental-parse';

export interface IncrementalLintOptions {
  workspace: Workspace;
  config?: ResolvedConfig;
  rules?: readonly Rule[];
}

/** Lints one file again and again as it is edited, with exactly the findings of lintText. One instance per file. */
export class IncrementalLinter {
  private readonly parser = new IncrementalParser();

  lint(path: string, text: string, opts: IncrementalLintOptions): { file: SourceFile; findings: Finding[] } {
    const { file } = this.parser.parse(path, text);
    opts.workspace.set(file);
    return { file, findings: lintFile(file, opts) };
  }
}
