// The wharf.profiles setting's entries, the profile picker's rows (5,000 profiles), and the status-bar text.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProfileInfo } from '../../../src/aws/profiles';
import { formatProfileEntry, parseProfileEntry, scopesOf, statusText } from '../../../src/commands/explorer/profile-entry';
import { describeProfile, profileRows } from '../../../src/commands/explorer/profile-items';
import { regionChoices, REGIONS } from '../../../src/commands/explorer/region-list';

describe('profile entries', () => {
  it('round-trips profile names and sso account roles', () => {
    assert.deepEqual(parseProfileEntry('wharf-admin'), { profile: 'wharf-admin' });
    assert.deepEqual(parseProfileEntry('sso:corp/123456789012/AdministratorAccess'), { sso: { session: 'corp', accountId: '123456789012', roleName: 'AdministratorAccess' } });
    for (const e of ['wharf-admin', 'sso:corp/123456789012/AdministratorAccess']) assert.equal(formatProfileEntry(parseProfileEntry(e)), e);
    // Not an account id: a profile that happens to start with "sso:".
    assert.deepEqual(parseProfileEntry('sso:corp/12/x'), { profile: 'sso:corp/12/x' });
  });

  it('an empty setting is one scope: the default credential chain; duplicates and blanks are dropped', () => {
    assert.deepEqual(scopesOf([]), [{}]);
    assert.deepEqual(scopesOf(['a', ' a ', '', 'b']), [{ profile: 'a' }, { profile: 'b' }]);
  });

  it('status bar: one profile and its Region, several counted', () => {
    assert.equal(statusText(['wharf-admin'], ['us-east-1']).text, '$(cloud) wharf-admin · us-east-1');
    assert.equal(statusText([], []).text, '$(cloud) default credentials');
    assert.equal(statusText(['a', 'b', 'c'], ['us-east-1', 'eu-west-1', 'ap-south-1']).text, '$(cloud) 3 profiles · us-east-1 +2');
    assert.equal(statusText(['sso:corp/123456789012/Admin'], ['us-east-1', 'eu-west-1']).text, '$(cloud) Admin @ 123456789012 · us-east-1, eu-west-1');
    assert.match(statusText([], []).lines.join('\n'), /each profile's own Region/);
  });
});

describe('profile picker rows', () => {
  const profile = (name: string, extra: Partial<ProfileInfo> = {}): ProfileInfo => ({ name, kind: 'static', ...extra });

  it('puts the default chain first, the shown profiles next, then the rest sorted, then sso-sessions to browse', () => {
    const rows = profileRows(
      [profile('zeta'), profile('wharf-viewer'), profile('wharf-admin', { region: 'us-east-1' }), profile('dev', { kind: 'sso', ssoSession: 'corp' })],
      [{ name: 'corp', startUrl: 'https://corp.awsapps.com/start', region: 'us-east-1' }],
      ['wharf-admin', 'sso:corp/123456789012/Admin'],
    );
    assert.deepEqual(rows.map((r) => `${r.kind}:${r.label}`), [
      'default:Default credentials',
      'separator:shown now',
      'profile:wharf-admin',
      'profile:Admin @ 123456789012 (corp)',
      'separator:profiles',
      'profile:dev',
      'profile:wharf-viewer',
      'profile:zeta',
      'separator:IAM Identity Center',
      'ssoSession:Accounts and roles of corp…',
    ]);
    assert.equal(rows.find((r) => r.kind === 'default' && r.picked), undefined, 'the default chain is not picked when profiles are chosen');
    assert.equal(rows.filter((r) => r.kind === 'profile' && r.picked).length, 2);
  });

  it('describes each profile by how it gets credentials', () => {
    assert.equal(describeProfile(profile('a', { kind: 'sso', ssoSession: 'corp', region: 'eu-west-1' })), 'IAM Identity Center (corp) · eu-west-1');
    assert.equal(describeProfile(profile('b', { kind: 'assume-role', roleArn: 'arn:aws:iam::123456789012:role/Deploy', mfaSerial: 'arn:aws:iam::1:mfa/me' })), 'assume role · 123456789012:role/Deploy · MFA');
    assert.equal(describeProfile(profile('c', { kind: 'process' })), 'credential_process');
  });

  it('builds 5,000 rows in well under a frame budget', () => {
    const many = Array.from({ length: 5000 }, (_, i) => profile(`team-${String(i).padStart(4, '0')}`, { kind: i % 3 ? 'sso' : 'assume-role', ssoSession: 'corp', roleArn: 'arn:aws:iam::123456789012:role/R', region: 'eu-west-1' }));
    const t0 = performance.now();
    const rows = profileRows(many, [], ['team-4999']);
    const ms = performance.now() - t0;
    assert.equal(rows.filter((r) => r.kind === 'profile').length, 5000);
    assert.equal(rows[2].label, 'team-4999');
    assert.ok(ms < 200, `${ms.toFixed(1)} ms`);
  });
});

describe('Region picker rows', () => {
  it('lists the chosen Regions first, in order, then every other one once', () => {
    const rows = regionChoices(['eu-west-1', 'us-east-1']);
    assert.deepEqual(rows.slice(0, 2).map((r) => [r.code, r.picked]), [['eu-west-1', true], ['us-east-1', true]]);
    assert.equal(rows.length, REGIONS.length);
    assert.equal(new Set(rows.map((r) => r.code)).size, rows.length);
  });

  it('offers a typed Region the list does not know, and nothing for a typo', () => {
    assert.equal(regionChoices([], 'ap-southeast-9').at(-1)?.code, 'ap-southeast-9');
    assert.equal(regionChoices([], 'eu-west').length, REGIONS.length);
  });
});
