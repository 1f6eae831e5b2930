import type * as vscode from 'vscode';

/** Base for services that own disposables (listeners, children) and release them together. */
export abstract class Service implements vscode.Disposable {
  protected readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  protected own<T extends vscode.Disposable>(d: T): T {
    if (this.disposed) d.dispose();
    else this.disposables.push(d);
    return d;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const d of this.disposables.splice(0).reverse()) {
      try {
        d.dispose();
      } catch {
        // A failing child must not keep the others alive.
      }
    }
  }
}
