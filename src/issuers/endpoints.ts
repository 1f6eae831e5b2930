// Default API roots (`tokenCustody.endpoints.*`) and their validation.

import { EndpointConfigError, errorMessage } from '../errors';
import { assertSafeEndpoint } from './http';
import type { Endpoints } from './types';

/** Fixed public API roots that are not settings (tests point them at a local server). */
export const DEFAULT_API_ROOTS: Readonly<Record<string, string>> = Object.freeze({
  google: 'https://oauth2.googleapis.com',
  openai: 'https://api.openai.com',
  anthropic: 'https://api.anthropic.com',
  huggingface: 'https://huggingface.co',
  stripe: 'https://api.stripe.com',
  sendgrid: 'https://api.sendgrid.com',
  cloudflare: 'https://api.cloudflare.com',
  digitalocean: 'https://api.digitalocean.com',
});

export function defaultEndpoints(): Endpoints {
  return {
    github: 'https://api.github.com',
    gitlab: 'https://gitlab.com',
    slack: 'https://slack.com/api',
    npm: 'https://registry.npmjs.org',
    doppler: 'https://api.doppler.com',
    apiRoots: { ...DEFAULT_API_ROOTS },
  };
}

/** Setting values as read from `tokenCustody.endpoints.*` (empty strings mean "default"). */
export interface EndpointSettings {
  github?: string;
  gitlab?: string;
  slack?: string;
  npm?: string;
  vault?: string;
  doppler?: string;
}

export const ENDPOINT_SETTING_KEYS = ['github', 'gitlab', 'slack', 'npm', 'vault', 'doppler'] as const;

/**
 * Builds `Endpoints` from settings. Each value must be an https:// URL (http:// only to loopback)
 * with no query or fragment; errors name the setting.
 */
export function resolveEndpoints(settings: EndpointSettings = {}, apiRoots: Record<string, string> = {}): Endpoints {
  const out = defaultEndpoints();
  for (const key of ENDPOINT_SETTING_KEYS) {
    const raw = settings[key];
    if (raw === undefined || raw === null || String(raw).trim() === '') continue;
    out[key] = checkRoot(String(raw).trim(), `tokenCustody.endpoints.${key}`, `tokenCustody.endpoints.${key}`);
  }
  for (const [k, v] of Object.entries(apiRoots)) out.apiRoots[k] = checkRoot(v, `API root ${k}`);
  return out;
}

function checkRoot(value: string, name: string, setting?: string): string {
  let u: URL;
  try {
    u = assertSafeEndpoint(value);
  } catch (e) {
    throw new EndpointConfigError(`${name}: ${errorMessage(e)}`, setting, { cause: e });
  }
  if (u.search || u.hash) throw new EndpointConfigError(`${name}: "${value}" must not have a query or fragment.`, setting);
  return u.toString().replace(/\/+$/, '');
}

export function apiRoot(endpoints: Endpoints, id: string): string {
  const root = endpoints.apiRoots[id] ?? DEFAULT_API_ROOTS[id];
  if (!root) throw new EndpointConfigError(`No API root is known for ${id}.`);
  return root;
}
