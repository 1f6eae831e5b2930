// `node:zlib` of the shared bundle (scripts/build.mjs aliases it here for dist/shared.js, the browser
// build, also loaded in Node by the desktop extension and the CLI). The engine uses zlib only for
// `crc32` (the GitHub/npm/GitLab token checksums) and falls back to its own table-driven CRC-32 when
// zlib has none (src/engine/validators.ts): in Node this is Node's own crc32 (process.getBuiltinModule),
// in a web worker there is none, so the checksums are computed without zlib's compression code.
// Node's zlib is loaded at the first checksum, not when the bundle loads: Node compiles its zlib
// modules at load, about 2% of the CLI's start-up for a scan that meets no checksummed token.

type Crc32 = (data: Uint8Array | string) => number;

const getBuiltinModule = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule;
let native: Crc32 | undefined;

/** Node's zlib.crc32 where Node has process.getBuiltinModule (20.16 and later; crc32 came in 20.15). */
export const crc32: Crc32 | undefined = typeof getBuiltinModule === 'function' ? (data) => (native ??= (getBuiltinModule('node:zlib') as { crc32: Crc32 }).crc32)(data) : undefined;
