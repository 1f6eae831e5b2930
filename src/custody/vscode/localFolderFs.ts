// The FolderFs of Scan Workspace in the desktop and remote extension hosts: local folders (`file:`)
// are read with node:fs (nodeFolderFs), because `workspace.fs` would cost an IPC round trip (through
// the client, in remote windows) per call; other schemes (virtual workspaces) go through
// `workspace.fs`. The browser build uses workspaceFolderFs for every folder. The same for the scan
// index in the extension's workspace storage (localIndexStorage).
import type * as vscode from 'vscode';
import type { IndexStorage } from '../scanIndex';
import { nodeIndexStorage } from '../scanIndexNode';
import { nodeFolderFs } from '../walkNode';
import { workspaceFolderFs, workspaceIndexStorage, type FolderFs } from './workspaceScan';

export function localFolderFs(root: vscode.Uri): FolderFs {
  if (root.scheme !== 'file') return workspaceFolderFs(root);
  const viaWorkspace = workspaceFolderFs(root);
  return { uri: (rel) => viaWorkspace.uri(rel), ...nodeFolderFs(root.fsPath) };
}

/** Scan indexes in local workspace storage are written with node:fs, chunk by chunk; others through `workspace.fs`. */
export function localIndexStorage(dir: vscode.Uri): IndexStorage {
  return dir.scheme === 'file' ? nodeIndexStorage(dir.fsPath) : workspaceIndexStorage(dir);
}
