// The lint engine's vocabulary. Plain data only: the editor, the CLI and a live-cluster scan all consume these.

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';
export type Category = 'reliability' | 'security' | 'images' | 'eks' | 'schema' | 'engine';

/** A path from an object's root: map keys and sequence indexes, as in `spec.template.spec.containers[0]`. */
export type Path = readonly (string | number)[];

/** Half-open range of UTF-16 offsets into a file's text (the unit both `yaml` and VS Code use). */
export interface Span {
  start: number;
  end: number;
}

/** 1-based line and column, as printed by the CLI and stored in SARIF. */
export interface Location {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface TextEdit extends Span {
  text: string;
}

export interface Fix {
  title: string;
  /** Non-overlapping edits of the finding's own file. */
  edits: TextEdit[];
}

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

export interface Related {
  file: string;
  span: Span;
  location: Location;
  message: string;
  /**
   * Set when the related object was parsed by another worker of a parallel CLI run (src/cli/parallel.ts): its
   * source isn't here, so `span` and `location` are placeholders the run replaces by asking that worker for `path`.
   */
  remote?: { share: number; id: number; path: Path };
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  span: Span;
  location: Location;
  object?: ObjectRef;
  /** A safe edit: applying it keeps behaviour everyone wants (the CLI's --fix applies these). */
  fix?: Fix;
  /** Edits that change behaviour: offered, never applied automatically. */
  suggestions?: Fix[];
  related?: Related[];
}

export type OptionType = 'number' | 'string' | 'boolean' | 'string[]';

export interface RuleOption {
  type: OptionType;
  default: unknown;
  description: string;
}

export interface RuleMeta {
  /** kebab-case; equal to the rule's file name and its docs anchor. */
  id: string;
  category: Category;
  defaultSeverity: SeveritySetting;
  /** One line: what it flags. */
  description: string;
  /** Why it matters, naming the best-practice source. */
  rationale: string;
  /** What the rule can offer: a safe `fix`, a behaviour-changing `suggest`ion, or nothing. */
  fixable: 'fix' | 'suggest' | 'none';
  /** Needs other documents (a Service, HPA, PDB, ServiceAccount) of the file or workspace. */
  crossDocument?: boolean;
  options?: Record<string, RuleOption>;
}
