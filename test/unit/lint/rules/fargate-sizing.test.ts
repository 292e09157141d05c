import * as assert from 'node:assert/strict';
import { it } from 'node:test';
import rule, { fargateSize } from '../../../../src/lint/rules/fargate-sizing';
import { deployment } from '../fixtures';
import { ruleTester } from '../rule-tester';

const onFargate = '      nodeSelector:\n        eks.amazonaws.com/compute-type: fargate\n';
const req = (cpu: string, mem: string, kind = 'requests') => `        resources:\n          ${kind}: {cpu: "${cpu}", memory: ${mem}}\n`;
const sidecar = (cpu: string) => `      - name: side\n        image: envoy:1.30\n        resources: {requests: {cpu: ${cpu}}}\n`;
const init = (cpu: string, mem: string) => `      initContainers:\n      - name: migrate\n        image: flyway:10\n        resources: {requests: {cpu: "${cpu}", memory: ${mem}}}\n`;

ruleTester(rule, {
  valid: [
    { name: 'fits a combination with the overhead', code: deployment(onFargate, req('1', '1792Mi')) },
    { name: 'not on Fargate', code: deployment('', req('1.1', '2Gi')) },
    { name: 'no requests: the smallest combination', code: deployment(onFargate) },
    { name: 'below the smallest combination: nothing smaller to pick', code: deployment(onFargate, req('100m', '64Mi')) },
    { name: 'a large init container that the combination uses', code: deployment(onFargate + init('2', '4Gi'), req('250m', '512Mi')) },
    { name: 'on Fargate by profile, well sized', code: deployment('', req('2', '3840Mi')), config: { fargateProfiles: [{ namespace: 'default' }] } },
  ],
  invalid: [
    {
      name: 'the user guide\'s example: 1 vCPU / 8 GB is billed as 2 vCPU / 9 GB',
      code: deployment(onFargate, req('1', '8Gi')),
      errors: [{ line: 12, column: 5, message: 'Deployment web: is billed on Fargate as 2 vCPU / 9 GB for requests of 1 vCPU / 8.25 GB' }],
    },
    { name: 'limits only: requests default to them', code: deployment(onFargate, req('1', '8Gi', 'limits')), errors: [{ line: 12, column: 5, message: 'as 2 vCPU / 9 GB' }] },
    { name: 'just over a step', code: deployment(onFargate, req('1100m', '2Gi')), errors: [{ line: 12, column: 5, message: 'as 2 vCPU / 4 GB for requests of 1.1 vCPU / 2.25 GB' }] },
    { name: 'containers are summed', code: deployment(onFargate, '        resources: {requests: {cpu: 100m}}\n' + sidecar('200m')), errors: [{ line: 12, column: 5, message: 'as 0.5 vCPU / 1 GB for requests of 0.3 vCPU / 0.25 GB' }] },
    { name: 'the largest init container wins over the sum', code: deployment(onFargate + init('3', '7680Mi'), req('250m', '512Mi')), errors: [{ line: 12, column: 5, message: 'as 4 vCPU / 8 GB for requests of 3 vCPU / 7.75 GB' }] },
    { name: 'too big for Fargate', code: deployment(onFargate, req('32', '8Gi')), errors: [{ line: 12, column: 5, message: 'more than the largest Fargate combination' }] },
  ],
});

it('rounds to the EKS Fargate combinations (overhead added by the caller)', () => {
  const GiB = 2 ** 30;
  assert.deepEqual(fargateSize(0.1, 0.3 * GiB), { vcpu: 0.25, memoryGiB: 0.5 });
  assert.deepEqual(fargateSize(0.25, 2.1 * GiB), { vcpu: 0.5, memoryGiB: 3 });
  assert.deepEqual(fargateSize(1, 8.25 * GiB), { vcpu: 2, memoryGiB: 9 });
  assert.deepEqual(fargateSize(8, 17 * GiB), { vcpu: 8, memoryGiB: 20 });
  assert.deepEqual(fargateSize(4, 31 * GiB), { vcpu: 8, memoryGiB: 32 });
  assert.deepEqual(fargateSize(16, 120 * GiB), { vcpu: 16, memoryGiB: 120 });
  assert.equal(fargateSize(16, 121 * GiB), undefined);
  assert.equal(fargateSize(17, 1 * GiB), undefined);
});
