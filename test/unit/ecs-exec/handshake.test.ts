// The client's handshake answers. KMS here is a fake (it records the request and returns fixed key bytes): unit
// tests have no KMS; the integration test (test/integration/ecs-exec.test.ts) runs the same handshake against moto's
// real KMS, whose Decrypt enforces the encryption context. The agent's side of the cipher is written out in this test
// with node:crypto (agent encrypts with bytes 0-31 and decrypts with 32-63), not taken from the code under test.
import * as assert from 'node:assert/strict';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { answerChallenge, answerHandshake, type KmsDataKeys } from '../../../src/ecs-exec/handshake';

const KEY = Buffer.from(Array.from({ length: 64 }, (_, i) => i));
const CIPHERTEXT = Buffer.from('fake-kms-ciphertext-blob');

function fakeKms(): KmsDataKeys & { calls: unknown[] } {
  const calls: unknown[] = [];
  return {
    calls,
    async generateDataKey(input) {
      calls.push(input);
      return { CiphertextBlob: new Uint8Array(CIPHERTEXT), Plaintext: new Uint8Array(KEY) };
    },
  };
}

const agentSeal = (plain: Buffer) => {
  const nonce = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', KEY.subarray(0, 32), nonce);
  return Buffer.concat([nonce, c.update(plain), c.final(), c.getAuthTag()]);
};
const agentOpen = (sealed: Buffer) => {
  const d = createDecipheriv('aes-256-gcm', KEY.subarray(32, 64), sealed.subarray(0, 12));
  d.setAuthTag(sealed.subarray(sealed.length - 16));
  return Buffer.concat([d.update(sealed.subarray(12, sealed.length - 16)), d.final()]);
};

const REQUEST = {
  AgentVersion: '3.3.1142.0',
  RequestedClientActions: [
    { ActionType: 'SessionType', ActionParameters: { SessionType: 'InteractiveCommands', Properties: { commands: '/bin/sh' } } },
    { ActionType: 'KMSEncryption', ActionParameters: { KMSKeyId: 'arn:aws:kms:us-east-1:123456789012:key/k1' } },
  ],
};

describe('ecs-exec handshake (fake KMS)', () => {
  it('asks KMS for a 64-byte data key bound to the session and target, and returns only its ciphertext', async () => {
    const kms = fakeKms();
    const out = await answerHandshake(REQUEST, { sessionId: 's-1', targetId: 'ecs:c_t_r', kms });
    assert.deepEqual(kms.calls, [{
      KeyId: 'arn:aws:kms:us-east-1:123456789012:key/k1',
      NumberOfBytes: 64,
      EncryptionContext: { 'aws:ssm:SessionId': 's-1', 'aws:ssm:TargetId': 'ecs:c_t_r' },
    }]);
    assert.equal(out.failure, undefined);
    assert.equal(out.sessionType, 'InteractiveCommands');
    assert.deepEqual(out.response.ProcessedClientActions, [
      { ActionType: 'SessionType', ActionStatus: 1, ActionResult: null, Error: '' },
      { ActionType: 'KMSEncryption', ActionStatus: 1, ActionResult: { KMSCipherTextKey: CIPHERTEXT.toString('base64') }, Error: '' },
    ]);
    assert.ok(!JSON.stringify(out.response).includes(KEY.toString('base64')), 'the plaintext key never goes on the wire');
  });

  it('answers the encryption challenge: opened with bytes 0-31, sealed again with bytes 32-63', async () => {
    const out = await answerHandshake(REQUEST, { sessionId: 's-1', targetId: 'ecs:c_t_r', kms: fakeKms() });
    const challenge = randomBytes(64);
    const reply = answerChallenge(Buffer.from(JSON.stringify({ Challenge: agentSeal(challenge).toString('base64') })), out.cipher);
    const { Challenge } = JSON.parse(reply.toString()) as { Challenge: string };
    assert.deepEqual(agentOpen(Buffer.from(Challenge, 'base64')), challenge);
    // and input the client encrypts opens on the agent side
    assert.equal(agentOpen(out.cipher!.encrypt(Buffer.from('ls\r'))).toString(), 'ls\r');
    assert.equal(out.cipher!.decrypt(agentSeal(Buffer.from('output'))).toString(), 'output');
  });

  it('without encryption: only the session type, no KMS call', async () => {
    const kms = fakeKms();
    const out = await answerHandshake({ AgentVersion: 'x', RequestedClientActions: [REQUEST.RequestedClientActions[0]] }, { sessionId: 's', targetId: 't', kms });
    assert.equal(kms.calls.length, 0);
    assert.equal(out.cipher, undefined);
    assert.equal(out.response.ProcessedClientActions.length, 1);
  });

  it('reports a KMS failure as a failed action with the key named, and fails the session', async () => {
    const kms: KmsDataKeys = { generateDataKey: async () => { throw Object.assign(new Error('User is not authorized to perform: kms:GenerateDataKey'), { name: 'AccessDeniedException' }); } };
    const out = await answerHandshake(REQUEST, { sessionId: 's', targetId: 't', kms });
    const action = out.response.ProcessedClientActions[1];
    assert.equal(action.ActionStatus, 2);
    assert.match(action.Error, /key\/k1/);
    assert.match(out.failure!.message, /kms:GenerateDataKey/);
  });

  it('marks unknown actions unsupported (status 3)', async () => {
    const out = await answerHandshake({ RequestedClientActions: [{ ActionType: 'Telepathy' }] }, { sessionId: 's', targetId: 't' });
    assert.equal(out.response.ProcessedClientActions[0].ActionStatus, 3);
    assert.equal(out.failure, undefined);
  });
});
