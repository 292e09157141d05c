// ECS Exec spoken natively: ExecuteCommand plus the Session Manager data channel, no session-manager-plugin.
export { executeCommand, startEcsExec, toKmsDataKeys, type ExecSessionGrant, type StartEcsExecOptions } from './start';
export { sessionManagerPluginLaunch, SESSION_RESPONSE_ENV, type PluginLaunch } from './plugin';
export { openDataChannel, EcsExecSession, type DataChannelOptions } from './session';
export { EcsExecError, classifyExecuteCommandError, type EcsExecErrorKind } from './errors';
export { preflightEcsExec, type PreflightProblem } from './preflight';
export type { KmsDataKeys } from './handshake';
