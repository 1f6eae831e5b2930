// The index storage of Scan Workspace on a local disk (Node: the desktop and remote extension hosts):
// the index is written chunk by chunk to a temporary file, then renamed into place. Through
// `workspace.fs` the whole index (about 5 MB for 100,000 files) was one string, one encoded copy and,
// in a remote window, one compressed message: one long task at the end of every scan.
import { promises as nodeFs } from 'node:fs';
import * as nodePath from 'node:path';
import type { IndexStorage } from './scanIndex';

export function nodeIndexStorage(dir: string): IndexStorage {
  return {
    read: async (name) => {
      try {
        return await nodeFs.readFile(nodePath.join(dir, name), 'utf8');
      } catch {
        return undefined;
      }
    },
    write: async (name, chunks) => {
      await nodeFs.mkdir(dir, { recursive: true });
      const target = nodePath.join(dir, name);
      const tmp = `${target}.tmp`;
      const file = await nodeFs.open(tmp, 'w');
      try {
        for await (const chunk of chunks) await file.write(chunk);
      } finally {
        await file.close();
      }
      await nodeFs.rename(tmp, target);
    },
  };
}
