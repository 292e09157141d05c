// Configured endpoints for a *named* profile. The SDK resolves AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, a
// profile's `services` section and its `endpoint_url` itself, but reads the config file only for the profile of
// AWS_PROFILE (its getEndpointFromConfig calls loadConfig without the client's `profile`). Wharf shows several
// profiles at once, so a session for another profile hands the SDK the same answer for its own profile, through the
// SDK's own hook (`serviceConfiguredEndpoint`, consulted by its endpoint middleware before the default endpoint),
// with the SDK's own loader and the documented precedence: environment first, then the profile's services section,
// then its endpoint_url; `ignore_configured_endpoint_urls` turns it all off.
import { loadConfig } from '@smithy/core/config';

type Profile = Record<string, string | undefined>;
type Config = Record<string, Profile | undefined>;

const truthy = (v: string | undefined) => v !== undefined && v.toLowerCase() === 'true';

/** The endpoint the SDK would use for `serviceId` ("EKS", "CloudWatch Logs") if `profile` were AWS_PROFILE. */
export async function configuredEndpoint(serviceId: string, profile: string): Promise<string | undefined> {
  const upper = serviceId.split(' ').map((w) => w.toUpperCase()).join('_');
  const lower = serviceId.split(' ').map((w) => w.toLowerCase()).join('_');
  const ignore = await loadConfig<boolean>({
    environmentVariableSelector: (env) => (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === undefined ? undefined : truthy(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS)),
    configFileSelector: (p) => (p.ignore_configured_endpoint_urls === undefined ? undefined : truthy(p.ignore_configured_endpoint_urls)),
    default: false,
  }, { profile })();
  if (ignore) return undefined;
  return loadConfig<string | undefined>({
    environmentVariableSelector: (env) => env[`AWS_ENDPOINT_URL_${upper}`] || env.AWS_ENDPOINT_URL || undefined,
    configFileSelector: (p: Profile, config?: Config) => {
      if (p.services) {
        const section = config?.[`services.${p.services}`];
        const url = section?.[`${lower}.endpoint_url`];
        if (url) return url;
      }
      return p.endpoint_url || undefined;
    },
    default: undefined,
  }, { profile })();
}

/** Points a client of a named profile at that profile's configured endpoint (see above). */
export function useProfileEndpoints(client: { config: object }, profile: string): void {
  const config = client.config as { serviceId?: string; serviceConfiguredEndpoint?: () => Promise<string | undefined> };
  const serviceId = config.serviceId;
  if (!serviceId || !('serviceConfiguredEndpoint' in config)) return;
  let pending: Promise<string | undefined> | undefined;
  config.serviceConfiguredEndpoint = () => (pending ??= configuredEndpoint(serviceId, profile).catch(() => undefined));
}
