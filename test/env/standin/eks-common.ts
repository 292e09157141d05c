// Shared by the EKS handlers: the call, the cluster lookup (moto owns clusters), and EKS's error shapes.
import type { StandinContext } from './context';
import type { ClusterExtras, EksState } from './eks-state';
import { ApiError, forward, type Incoming } from './http';

export const invalidParameter = (message: string, members: Record<string, unknown> = {}) => new ApiError(400, 'InvalidParameterException', message, members);
export const notFound = (message: string, members: Record<string, unknown> = {}) => new ApiError(404, 'ResourceNotFoundException', message, members);
export const inUse = (message: string, members: Record<string, unknown> = {}) => new ApiError(409, 'ResourceInUseException', message, members);

export interface EksCall {
  inc: Incoming;
  ctx: StandinContext;
  state: EksState;
  op: string;
  params: Record<string, string>;
  region: string;
}

export interface ClusterRef {
  name: string;
  arn: string;
  version: string;
  extras: ClusterExtras;
}

export const json = (inc: Incoming): Record<string, unknown> => {
  if (inc.body.length === 0) return {};
  try {
    return JSON.parse(inc.body.toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new ApiError(400, 'BadRequestException', 'The request body is not valid JSON.');
  }
};

/** The cluster as moto knows it, or EKS's own ResourceNotFoundException. */
export async function clusterOf(call: EksCall, name = call.params.clusterName ?? call.params.name): Promise<ClusterRef> {
  const { inc, ctx } = call;
  const up = await forward(ctx.moto, 'GET', `/clusters/${encodeURIComponent(name)}`, { authorization: inc.req.headers.authorization ?? '', 'x-amz-date': inc.req.headers['x-amz-date'] ?? '' }, Buffer.alloc(0));
  if (up.status === 404) throw notFound(`No cluster found for name: ${name}.`, { clusterName: name });
  if (up.status !== 200) throw new ApiError(up.status, 'ServerException', `moto answered ${up.status} for DescribeCluster ${name}`);
  const c = (JSON.parse(up.body.toString('utf8')) as { cluster: { arn: string; version: string } }).cluster;
  return { name, arn: c.arn, version: c.version, extras: call.state.get(call.region, name) };
}
