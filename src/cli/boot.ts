// First module of the CLI bundle: starts the code cache (codeCache.ts) before anything loads dist/shared.js.
import { startCodeCache } from './codeCache';

startCodeCache(__filename, process.env, require.main);
