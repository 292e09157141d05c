// The client's half of the session handshake. The agent opens it with HandshakeRequest (payload type 5) listing the
// actions it wants from the client: SessionType (always) and KMSEncryption (when the session preferences name a KMS
// key). We answer with HandshakeResponse (6). With encryption the agent then sends an encryption challenge (8): 64
// random bytes sealed with its key; we open it with our decryption half and seal it again with our encryption half
// (9), which proves both sides derived the same data key. HandshakeComplete (7) ends it.
// Go's encoding/json writes []byte as base64, so KMSCipherTextKey and Challenge are base64 strings.
import { SessionCipher } from './cipher';

/** The one KMS call the client makes. @aws-sdk/client-kms's KMSClient fits through `kmsFromClient`. */
export interface KmsDataKeys {
  generateDataKey(input: {
    KeyId: string;
    NumberOfBytes: number;
    EncryptionContext: Record<string, string>;
  }, signal?: AbortSignal): Promise<{ CiphertextBlob?: Uint8Array; Plaintext?: Uint8Array }>;
}

/** Client version reported to the agent. The agent gates protocol features on this number (it parses it as a
 * dotted version), so it names the session-manager-plugin release whose protocol this client implements. */
export const CLIENT_VERSION = '1.2.677.0';

export const ActionStatus = { success: 1, failed: 2, unsupported: 3 } as const;

const SESSION_TYPES = ['Standard_Stream', 'InteractiveCommands', 'NonInteractiveCommands', 'Port'];

interface RequestedAction {
  ActionType: string;
  ActionParameters?: Record<string, unknown>;
}

export interface HandshakeRequest {
  AgentVersion?: string;
  RequestedClientActions?: RequestedAction[];
}

export interface ProcessedAction {
  ActionType: string;
  ActionStatus: number;
  ActionResult: unknown;
  Error: string;
}

export interface HandshakeResponse {
  ClientVersion: string;
  ProcessedClientActions: ProcessedAction[];
  Errors: string[];
}

export interface HandshakeOutcome {
  response: HandshakeResponse;
  cipher?: SessionCipher;
  kmsKeyId?: string;
  sessionType?: string;
  sessionProperties?: unknown;
  /** Why an action failed: the session cannot go on (the agent cancels it on any failed action). */
  failure?: Error;
}

export class KmsHandshakeError extends Error {
  constructor(readonly kmsKeyId: string, override readonly cause: unknown) {
    super(`The session is encrypted with KMS key ${kmsKeyId}, and generating a data key with it failed: ${
      (cause as Error)?.message ?? String(cause)}. The caller needs kms:GenerateDataKey on that key.`);
  }
}

export async function answerHandshake(
  request: HandshakeRequest,
  ctx: { sessionId: string; targetId: string; kms?: KmsDataKeys; signal?: AbortSignal },
): Promise<HandshakeOutcome> {
  const out: HandshakeOutcome = { response: { ClientVersion: CLIENT_VERSION, ProcessedClientActions: [], Errors: [] } };
  const fail = (action: string, err: Error): ProcessedAction => {
    out.failure ??= err;
    out.response.Errors.push(err.message);
    return { ActionType: action, ActionStatus: ActionStatus.failed, ActionResult: null, Error: `Failed to process action ${action}: ${err.message}` };
  };
  for (const action of request.RequestedClientActions ?? []) {
    const params = action.ActionParameters ?? {};
    if (action.ActionType === 'SessionType') {
      const type = String(params.SessionType ?? '');
      if (!SESSION_TYPES.includes(type)) {
        out.response.ProcessedClientActions.push(fail(action.ActionType, new Error(`Unknown session type ${type}`)));
        continue;
      }
      out.sessionType = type;
      out.sessionProperties = params.Properties;
      out.response.ProcessedClientActions.push({ ActionType: action.ActionType, ActionStatus: ActionStatus.success, ActionResult: null, Error: '' });
    } else if (action.ActionType === 'KMSEncryption') {
      const keyId = String(params.KMSKeyId ?? '');
      out.kmsKeyId = keyId;
      if (!ctx.kms) {
        out.response.ProcessedClientActions.push(fail(action.ActionType, new KmsHandshakeError(keyId, new Error('no KMS client was given'))));
        continue;
      }
      try {
        const key = await ctx.kms.generateDataKey({
          KeyId: keyId,
          NumberOfBytes: 64,
          EncryptionContext: { 'aws:ssm:SessionId': ctx.sessionId, 'aws:ssm:TargetId': ctx.targetId },
        }, ctx.signal);
        if (!key.CiphertextBlob || !key.Plaintext) throw new Error('KMS returned no data key');
        out.cipher = new SessionCipher(key.Plaintext);
        key.Plaintext.fill(0); // SessionCipher keeps its own copy
        out.response.ProcessedClientActions.push({
          ActionType: action.ActionType,
          ActionStatus: ActionStatus.success,
          ActionResult: { KMSCipherTextKey: Buffer.from(key.CiphertextBlob).toString('base64') },
          Error: '',
        });
      } catch (e) {
        out.response.ProcessedClientActions.push(fail(action.ActionType, e instanceof KmsHandshakeError ? e : new KmsHandshakeError(keyId, e)));
      }
    } else {
      const err = new Error(`Unsupported action ${action.ActionType}`);
      out.response.Errors.push(err.message);
      out.response.ProcessedClientActions.push({ ActionType: action.ActionType, ActionStatus: ActionStatus.unsupported, ActionResult: null, Error: err.message });
    }
  }
  return out;
}

/** Opens the agent's challenge with our decryption key and seals it with our encryption key. */
export function answerChallenge(payload: Buffer, cipher: SessionCipher | undefined): Buffer {
  if (!cipher) throw new Error('encryption challenge received, but the handshake set up no encryption');
  const { Challenge } = JSON.parse(payload.toString('utf8')) as { Challenge?: string };
  if (!Challenge) throw new Error('encryption challenge without a challenge');
  const plain = cipher.decrypt(Buffer.from(Challenge, 'base64'));
  return Buffer.from(JSON.stringify({ Challenge: cipher.encrypt(plain).toString('base64') }));
}

/** Adapts @aws-sdk/client-kms's KMSClient (or anything with `send`) without importing it here. */
export function kmsFromClient(client: { send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<unknown> },
  GenerateDataKeyCommand: new (input: unknown) => unknown): KmsDataKeys {
  return {
    generateDataKey: (input, signal) =>
      client.send(new GenerateDataKeyCommand(input), { abortSignal: signal }) as Promise<{ CiphertextBlob?: Uint8Array; Plaintext?: Uint8Array }>,
  };
}
