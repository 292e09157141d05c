// What the stand-in's services share: where moto is, the clock, and who a key belongs to.
export interface Identity {
  arn: string;
  account: string;
  userId: string;
  /** A read-only principal (the test viewer): ECS refuses it the mutating calls Wharf makes, as IAM would. */
  readOnly?: boolean;
}

export interface StandinContext {
  moto: URL;
  /** The stand-in's own base URL (SSO verification links point back at it). */
  self: () => string;
  now: () => number;
  /** The principal an access key belongs to, when it is one of the harness's; undefined: moto decides. */
  identity: (accessKeyId: string) => Identity | undefined;
  account: string;
}
