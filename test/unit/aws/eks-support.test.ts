// The support calendar is data: these tables are the boundary days of the EKS User Guide's calendar
// (src/aws/data/eks-versions.ts). An end date is the first day of the next phase, 00:00 UTC.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeClusterVersions, supportStatus, type ClusterVersionInfo } from '../../../src/aws/eks-support';
import { EKS_VERSIONS } from '../../../src/aws/data/eks-versions';
import { FakeSdkClient, serviceError } from './fake-sdk';
import type { EKSClient } from '@aws-sdk/client-eks';
import { AwsError, type AwsErrorKind } from '../../../src/aws/errors';

const awsError = (kind: AwsErrorKind, message: string = kind) =>
  new AwsError({ kind, message, nextStep: '', actions: [], service: 'eks', operation: 'DescribeClusterVersions', region: 'us-east-1' });

const day = (d: string) => new Date(`${d}T00:00:00Z`);

describe('supportStatus from the cited table', () => {
  const cases: [version: string, today: string, phase: string][] = [
    ['1.28', '2024-11-25T23:59:59Z', 'standard'],
    ['1.28', '2024-11-26T00:00:00Z', 'extended'],
    ['1.28', '2024-11-27T00:00:00Z', 'extended'],
    ['1.28', '2025-11-25T23:59:59Z', 'extended'],
    ['1.28', '2025-11-26T00:00:00Z', 'unsupported'],
    ['1.29', '2025-03-22T12:00:00Z', 'standard'],
    ['1.29', '2025-03-23T00:00:00Z', 'extended'],
    ['1.29', '2026-03-23T00:00:00Z', 'unsupported'],
    ['1.31', '2026-11-25T23:59:59Z', 'extended'],
    ['1.31', '2026-11-26T00:00:00Z', 'unsupported'],
    ['1.33', '2026-07-28T23:59:59Z', 'standard'],
    ['1.33', '2026-07-29T00:00:00Z', 'extended'],
    // Today (2026-12-02): the day 1.34 leaves standard support.
    ['1.34', '2026-12-01T23:59:59Z', 'standard'],
    ['1.34', '2026-12-02T00:00:00Z', 'extended'],
    ['1.34', '2026-12-02T15:00:00Z', 'extended'],
    ['1.32', '2026-12-02T15:00:00Z', 'extended'],
    ['1.35', '2026-12-02T15:00:00Z', 'standard'],
    ['1.34.2', '2026-12-02T15:00:00Z', 'extended'],
    ['1.19', '2026-12-02T15:00:00Z', 'unsupported'],
    ['1.40', '2026-12-02T15:00:00Z', 'unknown'],
  ];
  for (const [version, today, phase] of cases) {
    it(`${version} on ${today}: ${phase}`, () => {
      const s = supportStatus(version, new Date(today));
      assert.equal(s.phase, phase);
      assert.equal(s.source, 'table');
    });
  }

  it('gives the end dates and the next version', () => {
    const s = supportStatus('1.28', day('2024-11-27'));
    assert.deepEqual(s, { phase: 'extended', endOfStandardSupport: '2024-11-26T00:00:00.000Z', endOfExtendedSupport: '2025-11-26T00:00:00.000Z', source: 'table', nextVersion: '1.29' });
    assert.equal(supportStatus('1.34', day('2026-12-02')).nextVersion, '1.35');
  });

  it('the table is ordered, each row 14 months of standard then 12 of extended support', () => {
    for (const [i, r] of EKS_VERSIONS.entries()) {
      if (i > 0) assert.ok(EKS_VERSIONS[i - 1].endOfExtendedSupport < r.endOfExtendedSupport, r.version);
      const rel = day(r.eksRelease);
      const std = day(r.endOfStandardSupport);
      const ext = day(r.endOfExtendedSupport);
      const months = (a: Date, b: Date) => (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth();
      assert.equal(months(rel, std), 14, `${r.version} standard`);
      assert.equal(months(std, ext), 12, `${r.version} extended`);
    }
  });
});

describe('supportStatus from DescribeClusterVersions', () => {
  // The API's instants are the same boundaries as the guide's dates (its example: 1.31 ends standard support at
  // 2025-11-25T16:00:00-08:00, i.e. 2025-11-26 00:00 UTC).
  const api: ClusterVersionInfo[] = [
    { version: '1.31', endOfStandardSupport: '2025-11-26T00:00:00.000Z', endOfExtendedSupport: '2026-11-26T00:00:00.000Z' },
    { version: '1.33', endOfStandardSupport: '2026-07-29T00:00:00.000Z', endOfExtendedSupport: '2027-07-29T00:00:00.000Z' },
    // A date the table does not have: the API wins.
    { version: '1.34', endOfStandardSupport: '2027-01-15T00:00:00.000Z', endOfExtendedSupport: '2028-01-15T00:00:00.000Z' },
  ];

  it('the API answers for the versions it lists', () => {
    assert.deepEqual(supportStatus('1.34', day('2026-12-02'), api), {
      phase: 'standard', endOfStandardSupport: '2027-01-15T00:00:00.000Z', endOfExtendedSupport: '2028-01-15T00:00:00.000Z', source: 'api', nextVersion: undefined,
    });
    assert.equal(supportStatus('1.31', new Date('2026-11-25T23:00:00Z'), api).phase, 'extended');
    assert.equal(supportStatus('1.31', day('2026-11-26'), api).phase, 'unsupported');
    assert.equal(supportStatus('1.31', day('2026-11-26'), api).nextVersion, '1.33');
  });

  it('a version the API omits falls back to the table, then to older-than-oldest', () => {
    const s = supportStatus('1.28', day('2026-12-02'), api);
    assert.deepEqual([s.phase, s.source], ['unsupported', 'table']);
    const old = supportStatus('1.20', day('2026-12-02'), api);
    assert.deepEqual([old.phase, old.source], ['unsupported', 'api']);
  });
});

describe('describeClusterVersions', () => {
  it('pages with includeAll and maps dates to ISO strings', async () => {
    const eks = new FakeSdkClient({
      DescribeClusterVersions: (input) => input.nextToken
        ? { clusterVersions: [{ clusterVersion: '1.33', endOfStandardSupportDate: new Date('2026-07-29T00:00:00Z'), endOfExtendedSupportDate: new Date('2027-07-29T00:00:00Z'), versionStatus: 'EXTENDED_SUPPORT' }] }
        : { clusterVersions: [{ clusterVersion: '1.34', releaseDate: new Date('2025-10-02T00:00:00Z'), endOfStandardSupportDate: new Date('2026-12-02T00:00:00Z'), defaultVersion: true }], nextToken: 't2' },
    });
    const v = await describeClusterVersions(eks.as<EKSClient>());
    assert.deepEqual(eks.of('DescribeClusterVersions'), [{ includeAll: true, maxResults: 100, nextToken: undefined }, { includeAll: true, maxResults: 100, nextToken: 't2' }]);
    assert.deepEqual(v?.map((x) => [x.version, x.endOfStandardSupport, x.status]), [['1.34', '2026-12-02T00:00:00.000Z', undefined], ['1.33', '2026-07-29T00:00:00.000Z', 'EXTENDED_SUPPORT']]);
    assert.equal(v?.[0].releaseDate, '2025-10-02T00:00:00.000Z');
  });

  const tolerated: [string, Error][] = [
    ['AccessDeniedException (403)', serviceError('AccessDeniedException', 403)],
    ['an HTML 404 from an endpoint without the operation', serviceError('SyntaxError', 404)],
    // What clients made by AwsSession throw (errors.ts).
    ['AwsError kind unsupported', awsError('unsupported')],
    ['AwsError kind access-denied', awsError('access-denied')],
  ];
  for (const [what, err] of tolerated) {
    it(`undefined on ${what}`, async () => {
      const eks = new FakeSdkClient({ DescribeClusterVersions: () => { throw err; } });
      assert.equal(await describeClusterVersions(eks.as<EKSClient>()), undefined);
    });
  }

  it('other failures are the caller\'s', async () => {
    const eks = new FakeSdkClient({ DescribeClusterVersions: () => { throw awsError('throttled', 'slow down'); } });
    await assert.rejects(describeClusterVersions(eks.as<EKSClient>()), /slow down/);
  });
});
