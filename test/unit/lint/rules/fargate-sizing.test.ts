import * as assert from 'node:assert/strict';
import { it } from 'node:test';
import rule, { fargateSize } from '../../../../src/lint/rules/fargate-sizing';
import { deployment } from '../fixtures';
import { ruleTester } from '../rule-tester';

const onFargate = '      nodeSelector:\n        eks.amazonaws.com/compute-type: fargate\n';
const req = (cpu: string, mem: string) => `        resources:\n          requests: {cpu: "${cpu}", memory: ${mem}}\n`;

ruleTester(rule, {
  valid: [
    { name: 'fits a combination', code: deployment(onFargate, req('1', '1792Mi')) },
    { name: 'not on Fargate', code: deployment('', req('1.1', '2Gi')) },
    { name: 'no requests', code: deployment(onFargate) },
  ],
  invalid: [
    { name: 'just over a step', code: deployment(onFargate, req('1100m', '2Gi')), errors: [{ line: 12, column: 5, message: 'billed as 2 vCPU / 4 GB for requests of 1.1 vCPU / 2.25 GB' }] },
    { name: 'too big', code: deployment(onFargate, req('32', '8Gi')), errors: [{ line: 12, column: 5, message: 'more than the largest Fargate size' }] },
  ],
});

it('rounds to the EKS Fargate combinations, 256 MB overhead included by the caller', () => {
  const GiB = 2 ** 30;
  assert.deepEqual(fargateSize(0.1, 0.3 * GiB), { vcpu: 0.25, memoryGiB: 0.5 });
  assert.deepEqual(fargateSize(0.25, 2.1 * GiB), { vcpu: 0.5, memoryGiB: 3 });
  assert.deepEqual(fargateSize(8, 17 * GiB), { vcpu: 8, memoryGiB: 20 });
  assert.equal(fargateSize(16, 121 * GiB), undefined);
});
