// ECS Exec spoken natively: ExecuteCommand plus the Session Manager data channel, no session-manager-plugin.
export { startEcsExec, toKmsDataKeys, type StartEcsExecOptions } from './start';
export { openDataChannel, EcsExecSession, type DataChannelOptions } from './session';
export { EcsExecError, classifyExecuteCommandError, type EcsExecErrorKind } from './errors';
export type { KmsDataKeys } from './handshake';
