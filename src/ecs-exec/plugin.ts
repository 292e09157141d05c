// The optional fallback to a locally installed session-manager-plugin (the setting wharf.ecs.sessionManagerPlugin),
// for someone who prefers AWS's own client. It is started the way the AWS CLI v2 starts it today: the full argument
// list (so the plugin is not in its legacy mode, which refuses KMS-encrypted sessions), with argv[1] naming the
// environment variable that carries the session. The session token is in that variable only: never on argv, where
// `ps` would show it to every user of the machine.
import type { ExecSessionGrant } from './start';

export const SESSION_RESPONSE_ENV = 'AWS_SSM_START_SESSION_RESPONSE';

export interface PluginLaunch {
  command: string;
  args: string[];
  env: Record<string, string>;
}

export function sessionManagerPluginLaunch(input: { plugin: string; grant: ExecSessionGrant; region: string; profile?: string; ssmEndpoint?: string }): PluginLaunch {
  const { grant, region } = input;
  // The plugin reads the StartSession response shape; ECS's session fields are the same three values.
  const response = JSON.stringify({ SessionId: grant.sessionId, StreamUrl: grant.streamUrl, TokenValue: grant.tokenValue });
  const request = JSON.stringify({ Target: grant.targetId });
  const endpoint = input.ssmEndpoint ?? `https://ssm.${region}.${region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'}`;
  return {
    command: input.plugin,
    args: [SESSION_RESPONSE_ENV, region, 'StartSession', input.profile ?? '', request, endpoint],
    env: { [SESSION_RESPONSE_ENV]: response },
  };
}
