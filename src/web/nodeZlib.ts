// `node:zlib` of the browser build (scripts/build.mjs aliases it here for dist/web/extension.js).
// The engine uses zlib only for `crc32` (the GitHub/npm/GitLab token checksums) and falls back to its
// own table-driven CRC-32 when zlib has none (src/engine/validators.ts): here there is none, so the
// browser build computes the same checksums without zlib's compression code.
export const crc32: ((data: Uint8Array | string) => number) | undefined = undefined;
