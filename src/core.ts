// What the composition root hands to each feature area. Each area gets only these explicit
// dependencies and returns one Disposable that owns everything it created.

import type * as vscode from 'vscode';
import type { Settings } from './config/settings';
import type { CustodyService } from './custody/service';
import type { FindingStore } from './editor/findingStore';
import type { MaskingService } from './editor/masking';
import type { ScannerService } from './editor/scannerService';
import type { Logger } from './util/log';

export interface Core {
  readonly context: vscode.ExtensionContext;
  readonly log: Logger;
  /** Current settings (re-read on change). */
  settings(): Settings;
  /** Fires with the changed keys (without the `tokenCustody.` prefix). */
  readonly onDidChangeSettings: vscode.Event<Set<string>>;
  readonly scanners: ScannerService;
  readonly store: FindingStore;
  readonly masking: MaskingService;
  readonly custody: CustodyService;
}
