// A Pseudoterminal over any exec session (pod exec, ECS Exec): the VS Code side only adapts the plain Node session.
// No runtime `vscode` import (types only), so it runs under plain Node in unit tests; exec-terminal.ts makes the
// terminal. onDidWrite / onDidClose are plain event functions, which is all a Pseudoterminal needs.
import type * as vscode from 'vscode';

/** What both exec kinds offer (src/kube/exec.ts PodExecSession, src/ecs-exec/session.ts EcsExecSession). */
export interface ExecSessionLike {
  /** False for a session without a remote pty (its "\n" needs a "\r" in the terminal). Absent: a TTY (ECS Exec). */
  readonly tty?: boolean;
  write(data: string | Uint8Array): void;
  resize(cols: number, rows: number): void;
  close(): void;
  on(event: 'data' | 'stderr', listener: (data: Buffer) => void): unknown;
  on(event: 'exit', listener: (code: number | undefined) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
}

export type SessionStarter = (size: { cols: number; rows: number } | undefined, signal: AbortSignal) => Promise<ExecSessionLike>;

type Listener<T> = (e: T) => unknown;

/** The smallest vscode.Event: listeners, and a disposable to remove one. */
class Emitter<T> {
  private listeners = new Set<Listener<T>>();
  readonly event = (listener: Listener<T>): vscode.Disposable => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
}

const RED = '\x1b[31m';
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

export class ExecPseudoterminal implements vscode.Pseudoterminal {
  private readonly writeEmitter = new Emitter<string>();
  private readonly closeEmitter = new Emitter<number | void>();
  readonly onDidWrite = this.writeEmitter.event;
  readonly onDidClose = this.closeEmitter.event;
  private session: ExecSessionLike | undefined;
  private readonly starting = new AbortController();
  private pendingInput: string[] = [];
  private size: { cols: number; rows: number } | undefined;
  private closedByUser = false;
  private decoder = new TextDecoder('utf-8');
  private errDecoder = new TextDecoder('utf-8');
  private tty = true;
  /** The session is over (or never started): the next key closes the terminal. */
  private ended = false;

  constructor(private readonly start: SessionStarter, private readonly label: string) {}

  open(initialDimensions: vscode.TerminalDimensions | undefined): void {
    this.size = initialDimensions ? { cols: initialDimensions.columns, rows: initialDimensions.rows } : undefined;
    this.line(`${DIM}Connecting to ${this.label}...${RESET}`);
    this.start(this.size, this.starting.signal).then(
      (s) => this.attach(s),
      (e: unknown) => {
        if (this.closedByUser) return;
        this.line(`${RED}Could not open ${this.label}: ${(e as Error)?.message ?? String(e)}${RESET}`);
        this.line(`${DIM}[press any key to close]${RESET}`);
        this.ended = true;
      },
    );
  }

  handleInput(data: string): void {
    if (this.ended) return this.closeEmitter.fire();
    if (this.session) this.session.write(data);
    else this.pendingInput.push(data);
  }

  setDimensions(d: vscode.TerminalDimensions): void {
    this.size = { cols: d.columns, rows: d.rows };
    this.session?.resize(d.columns, d.rows);
  }

  /** The terminal was closed (by the person or VS Code): end the remote process, not just the connection. */
  close(): void {
    this.closedByUser = true;
    this.starting.abort();
    this.session?.close();
  }

  private attach(s: ExecSessionLike): void {
    if (this.closedByUser) return s.close();
    this.session = s;
    this.tty = s.tty ?? true;
    s.on('data', (b) => this.out(this.decoder.decode(b, { stream: true })));
    s.on('stderr', (b) => this.out(this.errDecoder.decode(b, { stream: true })));
    s.on('error', (e) => {
      if (!this.closedByUser) this.line(`${RED}${e.message}${RESET}`);
    });
    s.on('exit', (code) => {
      if (this.closedByUser) return;
      this.line(code === undefined ? `${DIM}[session ended]${RESET}` : `${DIM}[process exited with code ${code}]${RESET}`);
    });
    s.on('close', () => {
      if (this.closedByUser) return;
      this.ended = true;
      this.line(`${DIM}[press any key to close]${RESET}`);
    });
    if (this.size) s.resize(this.size.cols, this.size.rows);
    for (const d of this.pendingInput) s.write(d);
    this.pendingInput = [];
  }

  private out(text: string): void {
    if (!text) return;
    // A remote pty already sends "\r\n"; plain pipes send "\n", which a terminal would render as a staircase.
    this.writeEmitter.fire(this.tty ? text : text.replace(/\r?\n/g, '\r\n'));
  }

  /** A line of our own, always on a fresh line. */
  private line(text: string): void {
    this.writeEmitter.fire(`\r\n${text}\r\n`);
  }
}
