// The environment variables through which the AWS SDKs and CLI read static credentials. no-static-aws-credentials
// reports them; no-secrets-in-env leaves them alone so the same value is not reported twice.
export const AWS_CREDENTIAL_VARS: ReadonlySet<string> = new Set(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']);
