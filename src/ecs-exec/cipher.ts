// The session's AES-256-GCM encryption after a KMS handshake. The client asks KMS for a 64-byte data key bound to
// the session (encryption context aws:ssm:SessionId + aws:ssm:TargetId) and sends the agent only the ciphertext;
// the agent decrypts that with KMS under the same context. Each direction has its own half of the key: the client
// decrypts with bytes 0-31 and encrypts with bytes 32-63 (the agent the other way round). On the wire a payload is
// a random 12-byte nonce, then the GCM ciphertext with its 16-byte tag; no additional data.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const NONCE = 12;
const TAG = 16;

export function aesGcmEncrypt(key: Buffer, plain: Buffer): Buffer {
  const nonce = randomBytes(NONCE);
  const c = createCipheriv('aes-256-gcm', key, nonce);
  const body = Buffer.concat([c.update(plain), c.final()]);
  return Buffer.concat([nonce, body, c.getAuthTag()]);
}

export function aesGcmDecrypt(key: Buffer, sealed: Buffer): Buffer {
  if (sealed.length < NONCE + TAG) throw new Error('encrypted payload too short');
  const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, NONCE));
  d.setAuthTag(sealed.subarray(sealed.length - TAG));
  return Buffer.concat([d.update(sealed.subarray(NONCE, sealed.length - TAG)), d.final()]);
}

/** The client's side of the session keys. Holds key material in memory only; nothing here is ever printed. */
export class SessionCipher {
  private readonly decryptKey: Buffer;
  private readonly encryptKey: Buffer;

  constructor(plaintextDataKey: Uint8Array) {
    if (plaintextDataKey.length !== 64) throw new Error(`KMS returned a ${plaintextDataKey.length}-byte data key; 64 expected`);
    const key = Buffer.from(plaintextDataKey);
    this.decryptKey = key.subarray(0, 32);
    this.encryptKey = key.subarray(32, 64);
  }

  encrypt(plain: Buffer): Buffer {
    return aesGcmEncrypt(this.encryptKey, plain);
  }

  decrypt(sealed: Buffer): Buffer {
    return aesGcmDecrypt(this.decryptKey, sealed);
  }

  /** Overwrites the key bytes once the session ends. */
  wipe(): void {
    this.decryptKey.fill(0);
    this.encryptKey.fill(0);
  }
}
