// The custody view (`tokenCustody.custodyView`): every token seen in this workspace and window,
// grouped by state, with where it was seen. Rows are built by src/custody/viewModel.ts. Tree elements
// double as command arguments: a token row is `{ fingerprint }`, a file place is
// `{ uri, range, fingerprint }` (the FindingTarget shape the commands take).

import * as vscode from 'vscode';
import type { Core } from '../../core';
import { Service } from '../../util/vscode/disposable';
import { uiLocale } from '../../util/vscode/l10n';
import { parseOwners, type Owners } from '../owners';
import type { SeenToken } from './service';
import type { CustodyState, MoreTokens } from '../state';
import { CommandId } from '../../commandIds';
import { exposedCount, GROUP_PAGE, groupLabel, groupTokens, moreRow, pageOf, placeRow, showMoreRow, STATE_ICONS, tokenRow, tokenTooltip, visibleMore, visibleTokens } from '../viewModel';

export const VIEW_ID = 'tokenCustody.custodyView';

export interface GroupNode {
  kind: 'group';
  state: CustodyState;
  label: string;
  tokens: SeenToken[];
}

export interface TokenNode {
  kind: 'token';
  fingerprint: string;
  token: SeenToken;
}

export interface PlaceNode {
  kind: 'place';
  fingerprint: string;
  token: SeenToken;
  index: number;
  /** File places: the FindingTarget fields. */
  uri?: string;
  range?: [{ line: number; character: number }, { line: number; character: number }];
}

/** A file with more tokens than were recorded one by one: one row after the exposed tokens. */
export interface MoreNode {
  kind: 'more';
  more: MoreTokens;
}

/** After a group's first rows when it has more tokens than the view lists: "Show 500 more tokens". */
export interface ShowMoreNode {
  kind: 'showMore';
  state: CustodyState;
  shown: number;
  hidden: number;
}

export type CustodyNode = GroupNode | TokenNode | PlaceNode | MoreNode | ShowMoreNode;

const STATE_COLORS: Partial<Record<CustodyState, string>> = {
  exposed: 'problemsWarningIcon.foreground',
  vaulted: 'charts.green',
};

export class CustodyTreeProvider implements vscode.TreeDataProvider<CustodyNode> {
  private readonly emitter = new vscode.EventEmitter<CustodyNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private owners: Owners = new Map();
  private ownersRaw: unknown;
  /** How many rows each group lists (GROUP_PAGE until "Show more" raises it), for this window. */
  private readonly limits = new Map<CustodyState, number>();

  constructor(private readonly core: Core) {}

  refresh(): void {
    this.emitter.fire(undefined);
  }

  /** How many tokens the group of `state` lists. */
  limit(state: CustodyState): number {
    return this.limits.get(state) ?? GROUP_PAGE;
  }

  /** "Show more": the group of `state` lists GROUP_PAGE more tokens. */
  showMore(state: CustodyState): void {
    this.limits.set(state, this.limit(state) + GROUP_PAGE);
    this.refresh();
  }

  /** The tokens listed (this workspace and window). */
  tokens(): SeenToken[] {
    return visibleTokens(this.core.custody.tokens(), vscode.workspace.name);
  }

  private currentOwners(): Owners {
    const raw = this.core.settings().owners;
    if (raw !== this.ownersRaw) {
      this.ownersRaw = raw;
      this.owners = parseOwners(raw).owners;
    }
    return this.owners;
  }

  /** The `detected-more` counts listed (this workspace). */
  more(): MoreTokens[] {
    return visibleMore(this.core.custody.moreTokens(), vscode.workspace.name);
  }

  getChildren(element?: CustodyNode): CustodyNode[] {
    if (!element) {
      const groups: CustodyNode[] = groupTokens(this.tokens(), uiLocale()).map((g) => ({ kind: 'group', state: g.state, label: g.label, tokens: g.tokens }));
      // Counts without an exposed token listed (the log holds only the count): the group still shows them.
      if (this.more().length && !groups.some((g) => g.kind === 'group' && g.state === 'exposed')) groups.unshift({ kind: 'group', state: 'exposed', label: groupLabel('exposed', vscode.l10n.t), tokens: [] });
      return groups;
    }
    if (element.kind === 'group') {
      const { shown, hidden } = pageOf(element.tokens, this.limit(element.state));
      const rows: CustodyNode[] = shown.map((token) => ({ kind: 'token', fingerprint: token.custody.fingerprint, token }));
      if (hidden) rows.push({ kind: 'showMore', state: element.state, shown: shown.length, hidden });
      if (element.state === 'exposed') for (const more of this.more()) rows.push({ kind: 'more', more });
      return rows;
    }
    if (element.kind === 'token') {
      return element.token.custody.seen.map((s, index): PlaceNode => {
        const node: PlaceNode = { kind: 'place', fingerprint: element.fingerprint, token: element.token, index };
        const w = s.where;
        if (w.kind === 'file') {
          node.uri = w.uri;
          if (w.range) node.range = [{ line: w.range.line - 1, character: w.range.col - 1 }, { line: w.range.endLine - 1, character: w.range.endCol - 1 }];
        }
        return node;
      });
    }
    return [];
  }

  getTreeItem(element: CustodyNode): vscode.TreeItem {
    const now = new Date();
    if (element.kind === 'group') {
      const item = new vscode.TreeItem(element.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `group:${element.state}`;
      item.description = String(element.tokens.length);
      item.contextValue = `tcGroup ${element.state}`;
      const color = STATE_COLORS[element.state];
      item.iconPath = new vscode.ThemeIcon(STATE_ICONS[element.state], color ? new vscode.ThemeColor(color) : undefined);
      return item;
    }
    if (element.kind === 'more') {
      const row = moreRow(element.more, now, uiLocale());
      const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
      item.id = `more:${element.more.where.uri}`;
      item.description = row.description;
      item.contextValue = row.contextValue;
      item.iconPath = new vscode.ThemeIcon(row.icon);
      const uri = vscode.Uri.parse(element.more.where.uri);
      if (uri.scheme === 'file') item.resourceUri = uri;
      item.command = { title: vscode.l10n.t('Open'), command: 'vscode.open', arguments: [uri] };
      return item;
    }
    if (element.kind === 'showMore') {
      const row = showMoreRow(element.shown, element.hidden, uiLocale());
      const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
      item.id = `showMore:${element.state}`;
      item.description = row.description;
      item.tooltip = row.tooltip;
      item.contextValue = 'tcShowMore';
      item.iconPath = new vscode.ThemeIcon('fold-down');
      item.command = { title: row.label, command: CommandId.CustodyShowMore, arguments: [element.state] };
      return item;
    }
    if (element.kind === 'token') {
      const row = tokenRow(element.token, this.currentOwners(), now, uiLocale());
      const item = new vscode.TreeItem(row.label, element.token.custody.seen.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      item.id = `token:${element.fingerprint}`;
      item.description = row.description;
      item.contextValue = row.contextValue;
      const color = STATE_COLORS[element.token.custody.state];
      item.iconPath = new vscode.ThemeIcon(row.icon, color ? new vscode.ThemeColor(color) : undefined);
      item.accessibilityInformation = { label: [`${element.token.custody.name ?? element.token.custody.ruleId} ${row.label}`, groupLabel(element.token.custody.state, vscode.l10n.t), row.description].join(', ') };
      return item;
    }
    const seen = element.token.custody.seen[element.index];
    if (!seen) return new vscode.TreeItem('');
    const row = placeRow(element.token, seen, now, uiLocale());
    const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
    item.id = `place:${element.fingerprint}:${element.index}`;
    item.description = row.description;
    item.tooltip = row.tooltip;
    item.contextValue = row.contextValue;
    item.iconPath = new vscode.ThemeIcon(row.icon);
    if (row.open) {
      const uri = vscode.Uri.parse(row.open.uri);
      if (uri.scheme === 'file') item.resourceUri = uri;
      const r = row.open.range;
      const selection = r ? new vscode.Range(r.startLine, r.startCol, r.endLine, r.endCol) : undefined;
      item.command = { title: vscode.l10n.t('Open'), command: 'vscode.open', arguments: [uri, selection ? { selection, preserveFocus: false } : {}] };
    }
    return item;
  }

  /**
   * The Markdown tooltips of token and count rows, built when a row is hovered, not with every row.
   * VS Code's extension host parses every Markdown tooltip a tree hands it, and the view refreshes
   * on each custody change. Profiled in the host (the large documents suite: over 10,000 exposed
   * rows, 37,528 by its end), a refresh was one 1,966 ms task: 820 ms parsing tooltips and 300–430
   * ms building rows. With tooltips on hover its longest task was 470–780 ms, most of it VS Code
   * serialising the rows.
   */
  resolveTreeItem(item: vscode.TreeItem, element: CustodyNode): vscode.TreeItem {
    if (element.kind === 'token') item.tooltip = new vscode.MarkdownString(tokenTooltip(element.token, this.currentOwners(), new Date(), uiLocale()));
    else if (element.kind === 'more') item.tooltip = new vscode.MarkdownString(moreRow(element.more, new Date(), uiLocale()).tooltip);
    return item;
  }

  /** The node of the group of `state` (its tokens as listed now; none when the group is empty). */
  private groupNode(state: CustodyState): GroupNode {
    return { kind: 'group', state, label: groupLabel(state, vscode.l10n.t), tokens: groupTokens(this.tokens(), uiLocale()).find((g) => g.state === state)?.tokens ?? [] };
  }

  getParent(element: CustodyNode): CustodyNode | undefined {
    if (element.kind === 'group') return undefined;
    if (element.kind === 'showMore') return this.groupNode(element.state);
    if (element.kind === 'more') return this.groupNode('exposed');
    const group = this.groupNode(element.token.custody.state);
    if (element.kind === 'token') return group.tokens.length ? group : undefined;
    return { kind: 'token', fingerprint: element.fingerprint, token: element.token };
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

/** The view, its badge (exposed tokens) and its periodic refresh (ages). */
export class CustodyView extends Service {
  readonly provider: CustodyTreeProvider;
  readonly treeView: vscode.TreeView<CustodyNode>;

  constructor(core: Core) {
    super();
    this.provider = this.own(new CustodyTreeProvider(core));
    this.treeView = this.own(vscode.window.createTreeView(VIEW_ID, { treeDataProvider: this.provider, showCollapseAll: true }));
    this.own(core.custody.onDidChange(() => this.refresh()));
    this.own(core.onDidChangeSettings((changed) => {
      if (changed.has('owners')) this.refresh();
    }));
    // "seen 3 minutes ago" ages: refresh once a minute while the view is visible.
    const timer = setInterval(() => {
      if (this.treeView.visible) this.provider.refresh();
    }, 60_000);
    this.own({ dispose: () => clearInterval(timer) });
    this.refresh();
  }

  refresh(): void {
    const n = exposedCount(this.provider.tokens());
    this.treeView.badge = n ? { value: n, tooltip: n === 1 ? vscode.l10n.t('1 exposed token') : vscode.l10n.t('{0} exposed tokens', n) } : undefined;
    this.provider.refresh();
  }
}
