// First module of the CLI bundle: turns relaxed SIMD on where V8 needs a flag for it (before anything
// is compiled: the code cache is keyed on V8's flags), then starts the code cache (codeCache.ts) before
// anything loads dist/shared.js.
import { enableRelaxedSimd } from './wasmFeatures';
import { startCodeCache } from './codeCache';

enableRelaxedSimd();
startCodeCache(__filename, process.env, require.main);
