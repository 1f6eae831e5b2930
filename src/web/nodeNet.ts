// `node:net` of the shared bundle (scripts/build.mjs aliases it here for dist/shared.js, the browser
// build, also loaded in Node by the desktop extension and the CLI, which get Node's own isIP): only
// `isIP`, which src/issuers/http.ts uses to check endpoint hosts (custom issuers' settings are parsed
// in the browser too, though no request is sent from it). The same regular expressions as Node's own
// isIPv4/isIPv6 (lib/internal/net.js); test/unit/web/shims.test.ts compares both on many inputs.

const v4Seg = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])';
const v4Str = `(?:${v4Seg}\\.){3}${v4Seg}`;
const IPV4 = new RegExp(`^${v4Str}$`);
const v6Seg = '(?:[0-9a-fA-F]{1,4})';
const IPV6 = new RegExp(
  '^(?:' +
    `(?:${v6Seg}:){7}(?:${v6Seg}|:)|` +
    `(?:${v6Seg}:){6}(?:${v4Str}|:${v6Seg}|:)|` +
    `(?:${v6Seg}:){5}(?::${v4Str}|(?::${v6Seg}){1,2}|:)|` +
    `(?:${v6Seg}:){4}(?:(?::${v6Seg}){0,1}:${v4Str}|(?::${v6Seg}){1,3}|:)|` +
    `(?:${v6Seg}:){3}(?:(?::${v6Seg}){0,2}:${v4Str}|(?::${v6Seg}){1,4}|:)|` +
    `(?:${v6Seg}:){2}(?:(?::${v6Seg}){0,3}:${v4Str}|(?::${v6Seg}){1,5}|:)|` +
    `(?:${v6Seg}:){1}(?:(?::${v6Seg}){0,4}:${v4Str}|(?::${v6Seg}){1,6}|:)|` +
    `(?::(?:(?::${v6Seg}){0,5}:${v4Str}|(?::${v6Seg}){1,7}|:))` +
    ')(?:%[0-9a-zA-Z-.:]{1,})?$',
);

export function jsIsIPv4(s: string): boolean {
  return IPV4.test(s);
}

export function jsIsIPv6(s: string): boolean {
  return IPV6.test(s);
}

/** 4, 6, or 0 when `s` is not an IP address, as node:net's isIP (what a web worker uses). */
export function jsIsIP(s: string): 0 | 4 | 6 {
  return jsIsIPv4(s) ? 4 : jsIsIPv6(s) ? 6 : 0;
}

/** Node's node:net when this bundle runs in Node; undefined in a web worker. */
const native = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.('node:net') as
  | { isIP: (s: string) => 0 | 4 | 6; isIPv4: (s: string) => boolean; isIPv6: (s: string) => boolean }
  | undefined;

export const isIP: (s: string) => 0 | 4 | 6 = native ? native.isIP : jsIsIP;
export const isIPv4: (s: string) => boolean = native ? native.isIPv4 : jsIsIPv4;
export const isIPv6: (s: string) => boolean = native ? native.isIPv6 : jsIsIPv6;
