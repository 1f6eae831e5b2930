// Picks the OS keychain backend for the platform.

import type { SecretBackend } from './backend';
import { type KeychainBackendOptions, SecretToolBackend } from './keychain-linux';
import { MacKeychainBackend } from './keychain-macos';
import { WindowsCredentialBackend } from './keychain-windows';

export type { KeychainBackendOptions } from './keychain-linux';

export function createKeychainBackend(platform: NodeJS.Platform = process.platform, options: KeychainBackendOptions = {}): SecretBackend {
  if (platform === 'darwin') return new MacKeychainBackend(options);
  if (platform === 'win32') return new WindowsCredentialBackend(options);
  return new SecretToolBackend(options);
}
