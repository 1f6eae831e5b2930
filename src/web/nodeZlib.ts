// `node:zlib` of the shared bundle (scripts/build.mjs aliases it here for dist/shared.js, the browser
// build, also loaded in Node by the desktop extension and the CLI). The engine uses zlib only for
// `crc32` (the GitHub/npm/GitLab token checksums) and falls back to its own table-driven CRC-32 when
// zlib has none (src/engine/validators.ts): in Node this is Node's own crc32 (process.getBuiltinModule),
// in a web worker there is none, so the checksums are computed without zlib's compression code.
export const crc32: ((data: Uint8Array | string) => number) | undefined = (
  (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.('node:zlib') as { crc32?: (data: Uint8Array | string) => number } | undefined
)?.crc32;
