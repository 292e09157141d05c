// The two failures the adapters tolerate rather than pass on: an operation this endpoint does not offer
// (DescribeClusterVersions in an older partition or an emulator) and one the caller may not call
// (ListAssociatedAccessPolicies for a read-only role). Everything else is the caller's to show.
//
// Clients made by AwsSession already throw AwsError (errors.ts) with a `kind`; a bare SDK client (tests, scripts)
// throws the SDK's own errors, which errors.ts's classifier reads the same way.
import { isAwsError, toAwsError } from './errors';

export type TolerableKind = 'access-denied' | 'unsupported';

export function tolerableKind(e: unknown, service = 'eks', operation = 'Unknown'): TolerableKind | undefined {
  const kind = isAwsError(e) ? e.kind : toAwsError(e, { service, operation }).kind;
  return kind === 'access-denied' || kind === 'unsupported' ? kind : undefined;
}
