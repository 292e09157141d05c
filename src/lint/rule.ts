// What a rule sees and how it reports. Rules hold logic only: locating ranges, naming the object, applying
// severity and suppressions are the engine's job.
import type { ResolvedConfig } from './config';
import type { KObject, SourceFile } from './source';
import type { Path, RuleMeta, Severity, Span, TextEdit } from './types';
import type { KubeVersion } from './version';
import { containers, podSite, type ContainerSite, type PodSite } from './walk';
import type { Workspace } from './workspace';

export interface ProposedFix {
  title: string;
  /** undefined when the edit can't be made safely for this source; the finding is still reported. */
  /**
   * The edits, or a function that makes them. Prefer the function: edits are built only when someone applies or
   * shows the fix (the CLI's --fix and SARIF, the editor's code actions), not for every finding of every run.
   * undefined (or a function returning it) when the edit can't be made safely for this source.
   */
  edits: TextEdit[] | undefined | (() => TextEdit[] | undefined);
}

export interface RelatedReport {
  object: KObject;
  path?: Path;
  message: string;
}

export interface Report {
  object: KObject;
  /** What to underline, as a path inside the object; see locate.spanOf. Defaults to the object's name. */
  path?: Path;
  prefer?: 'key' | 'value' | 'auto';
  /** An exact range instead of a path (rare: text inside a block scalar). */
  span?: Span;
  message: string;
  /** For rules whose findings differ in severity (removed vs deprecated); a configured severity wins. */
  severity?: Severity;
  fix?: ProposedFix;
  suggest?: ProposedFix[];
  related?: RelatedReport[];
}

export interface RuleContext {
  readonly file: SourceFile;
  /** This file's Kubernetes objects (patches excluded). */
  readonly objects: readonly KObject[];
  /** Every object the run knows about, this file's included, for cross-document rules. */
  readonly workspace: Workspace;
  readonly config: ResolvedConfig;
  /** This rule's options, defaults filled in. */
  readonly options: Record<string, unknown>;
  /** The target Kubernetes version: configured, or the newest this release knows. */
  readonly targetVersion: KubeVersion;
  /** Pod templates of this file's objects. */
  pods(): readonly PodSite[];
  /** Every container of this file's pod templates (init and ephemeral included). */
  containers(): readonly ContainerSite[];
  report(report: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}

/** Shared per-file walk results, computed once however many rules ask. */
export function fileWalk(objects: readonly KObject[]): { pods: PodSite[]; containers: ContainerSite[] } {
  const pods: PodSite[] = [];
  for (const o of objects) {
    const p = podSite(o);
    if (p) pods.push(p);
  }
  return { pods, containers: pods.flatMap((p) => containers(p)) };
}
