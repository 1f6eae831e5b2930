// Core types of the detection engine. Pure TypeScript: no `vscode` import anywhere under src/engine/.

export type Confidence = 'high' | 'medium' | 'low';
export type Severity = 'critical' | 'high' | 'medium' | 'low';

/** What kind of credential a rule finds (used for custody classification and the UI). */
export type CredentialKind =
  | 'personal-token'
  | 'oauth-access-token'
  | 'oauth-refresh-token'
  | 'app-token'
  | 'installation-token'
  | 'api-key'
  | 'cloud-key-pair'
  | 'private-key'
  | 'webhook-url'
  | 'session-token'
  | 'password'
  | 'connection-string'
  | 'service-account'
  | 'generic-secret';

/**
 * How a token of this kind can be revoked. The issuer clients (src/issuers/) implement these;
 * `manual` means "no public API: show the console page and the steps".
 */
export type RevocationCapability =
  | 'github-credentials-revoke'
  | 'gitlab-pat-self'
  | 'slack-auth-revoke'
  | 'npm-token-delete'
  | 'oauth-rfc7009'
  | 'google-oauth-revoke'
  | 'vault-revoke-self'
  | 'doppler-auth-revoke'
  | 'manual'
  | 'none';

/** Names of offline validators (src/engine/validators.ts). */
export type ValidatorName =
  | 'github-crc32'
  | 'npm-crc32'
  | 'gitlab-routable'
  | 'pypi-macaroon'
  | 'jwt'
  | 'aws-key-id'
  | 'base64-credential'
  | 'url-credential'
  | 'user-password'
  | 'connection-string';

/**
 * A rule is data. The engine compiles `pattern` with the `g` and `d` flags (plus `flags`),
 * runs it only near occurrences of one of `keywords` (lower-case literals), and reports the
 * `secretGroup` capture (default: the whole match).
 */
export interface RuleSpec {
  /** Unique kebab-case id, e.g. `github-pat-classic`. Used as diagnostic code and in exports. */
  id: string;
  /** Issuer id, e.g. `github`, `gitlab`, `aws`. */
  issuer: string;
  /** Human name, e.g. "GitHub personal access token (classic)". */
  name: string;
  /** JavaScript regular expression source. Must not backtrack catastrophically. */
  pattern: string;
  /** Extra regex flags (only `i`, `m`, `s`, `u` are allowed). */
  flags?: string;
  /** Capture group (number or name) holding the secret; default 0 (the whole match). */
  secretGroup?: number | string;
  /** Lower-case literals; the regex only runs in a window around an occurrence of one of them. */
  keywords: string[];
  /**
   * Built-in rules only (ignored in custom rules): `exact` matches the keywords only as written, case
   * included (Twilio's `AC`, which every SID starts with, and not the `ac` of every "each" and "back").
   * Only for a rule whose matches contain a keyword in that spelling (a pattern without the `i` flag).
   */
  keywordCase?: 'exact';
  /**
   * Characters of context around a keyword occurrence that the regex sees. Default: the line
   * holding the keyword (capped at 4,096 characters each side). Multi-line rules set `after`.
   */
  window?: { before: number; after: number };
  /** Offline validator to run on the secret. */
  validator?: ValidatorName;
  /** What a failed validation does: drop the finding (default) or keep it with low confidence. */
  onInvalid?: 'drop' | 'low';
  /** Minimum Shannon entropy (bits per character) of the secret. */
  entropy?: number;
  /** Literal token prefix shown in the redacted form (e.g. `ghp_`). Default: none. */
  prefix?: string;
  /** Confidence when the rule matches and nothing lowers it. */
  confidence: Confidence;
  severity: Severity;
  kind: CredentialKind;
  /** Typically issued by a CLI login flow (gh auth login, npm login, vault login…). */
  cliIssued?: boolean;
  /** A machine / non-human identity (app, bot, service account, CI token). */
  machineIdentity?: boolean;
  revocation: RevocationCapability;
  /** The secret is base64: decode it and rescan the decoded text (found at the encoded range). */
  decode?: 'base64';
  /**
   * With `decode`: the value is a credential by its place (a Kubernetes Secret's `data`, an
   * `Authorization: Basic` header), so one that does not decode to what the rule expects (binary
   * bytes: a keystore, a raw key; text without `user:`) is still reported, as the encoded value and
   * at low confidence, when it is long (20+ characters: 15 bytes and more), mixed-case and random enough to be more than a word.
   */
  keepUndecodable?: boolean;
  /**
   * The value sits where only a credential goes (an `Authorization` header, an API-key header): a
   * UUID or a hex string there is the credential, not an id or a hash, so the generic rules' hash/id
   * filter does not drop it.
   */
  hexOrUuidIsCredential?: boolean;
  /** Skip the generic placeholder/example filter (rules whose checksum already proves the token). */
  skipPlaceholderFilter?: boolean;
  /**
   * Multi-part credentials: when a finding of `ruleId` lies within `withinLines` lines, its secret
   * (an identifier such as an AWS key id, never a secret) is put in `metadata[metadataKey]`
   * and both findings get `metadata.pairedWith` (the other's fingerprint).
   */
  pairsWith?: { ruleId: string; withinLines: number; metadataKey: string };
  /**
   * `identifier`: an assignment to an identifier holding the keyword (`API_KEY=…`, `"client_secret": …`).
   * The identifier must be followed by `=`, `:`, `:=`, `=>` or `?=` (after an optional closing quote and
   * spaces), and the regex is tried once, sticky, at the identifier's start — instead of at every
   * position of the line. For assignment-style rules whose keyword is part of the name.
   */
  anchor?: 'identifier';
  /**
   * Built-in rules only (ignored in custom rules). A regular expression (the rule's `flags` apply)
   * that every match of `pattern` starts with, at an occurrence of one of `keywords`: consuming parts
   * only, no look-arounds or anchors (`://` then `user:password@` for URL credentials). The scanner
   * drops keyword hits where it does not match (sticky) before building windows; windows are still
   * merged as if every hit were there, so the findings do not change — only work is saved (each `://`
   * of a URL otherwise costs a line window). A rule with a `window` builds its windows from every hit
   * and runs one only when a hit in it passes (a kubeconfig's `user:` is followed by a line end). Rules whose literal prefix begins with a keyword get the
   * same check from the head of their pattern without it (Twilio's `AC[0-9a-f]{32}`, keyword `ac`).
   * test/unit/engine/hitFilter.test.ts checks the contract on every fixture.
   */
  matchPrefix?: string;
  /**
   * Built-in anchored rules only (ignored in custom rules): a regular expression (the rule's `flags`
   * apply) that the part of every match after the identifier matches — the assignment and the value:
   * the pattern's end, possibly without some of its look-aheads. The part of the pattern before it
   * reads only identifier characters, so that part starts where the identifier ends (a `.=` that
   * starts at the identifier's last `.` reads on as `=` from there): the scanner tests this there,
   * sticky, and runs the whole pattern only where it matches. Hits without an assignment of a value of the right shape (`token = await f()`)
   * cost no run of the whole pattern; the findings do not change (test/unit/engine/hitFilter.test.ts
   * checks the contract on every fixture). It opens with the assignment glue of the generic rules
   * (GENERIC_ASSIGN): the scanner skips, before testing it, two shapes that glue never reads as an
   * assignment (scanner.ts `glueMayMatch`; hitFilter.test.ts checks both on every such rule).
   */
  afterIdentifier?: string;
  /** Short description of the format, shown in hovers and docs. */
  description?: string;
}

/**
 * Test fixtures of one built-in rule, kept in the `*.fixtures.ts` file next to its rule file (by rule
 * id) and never imported by shipped code. `{{…}}` placeholders are expanded at test time by
 * test/support/fakes.ts (e.g. `{{github:ghp}}` is a fresh GitHub token with a valid checksum), so no
 * live-looking token is ever committed. Every rule needs at least one positive and one negative.
 */
export interface RuleFixtures {
  positive: string[];
  negative: string[];
}

export type ValidationStatus = 'valid' | 'invalid' | 'unchecked';

export interface Validation {
  status: ValidationStatus;
  /** Human text such as `checksum valid` or `JWT expired 2024-01-01`. */
  detail: string;
}

export type MetadataValue = string | number | boolean;

/** A location in scanned text. Offsets are UTF-16 code units; lines and columns are 0-based. */
export interface TextRange {
  start: number;
  end: number;
  startLine: number;
  startCol: number;
  endLine: number;
  endCol: number;
}

export interface Finding {
  ruleId: string;
  issuer: string;
  /** Human name of the token type. */
  name: string;
  range: TextRange;
  confidence: Confidence;
  severity: Severity;
  kind: CredentialKind;
  cliIssued: boolean;
  machineIdentity: boolean;
  revocation: RevocationCapability;
  /**
   * `sha256:<32 hex>`, never the token: a salted SHA-256 for high-entropy tokens (the same on every
   * machine), an HMAC-SHA-256 under the install or team key for low-entropy secrets (fingerprint.ts).
   */
  fingerprint: string;
  /** Prefix + •••• + last 4 (or less for short secrets). */
  redacted: string;
  validation: Validation;
  /** Decoded metadata: JWT claims, GitLab owner, AWS account id, encoding, … Never the secret. */
  metadata: Record<string, MetadataValue>;
  /**
   * The secret itself. Non-enumerable: `JSON.stringify(finding)` and `{...finding}` never carry it.
   * Read it with `secretOf(finding)` only where the token must be acted on (store, revoke).
   */
  readonly secret?: string;
  /**
   * For a keyed fingerprint: the unkeyed one earlier versions published, so old ignore entries and
   * baselines still match (`fingerprintsOf`). Non-enumerable, never written anywhere.
   */
  readonly legacyFingerprint?: string;
}

export interface RuleLoadError {
  /** Rule id when known, else `#<index>` of the rule in its list. */
  rule: string;
  source: 'builtin' | 'custom';
  message: string;
}
