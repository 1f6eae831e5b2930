// The part of the Model Context Protocol that `token-custody mcp` speaks, without the SDK: JSON-RPC 2.0
// messages, one per line on stdio (the MCP stdio transport), the `initialize` handshake with protocol
// version negotiation, `ping`, `tools/list`, `tools/call`, and one server-to-client request,
// `elicitation/create` (asking the user before a command runs). Anything else is answered with
// "method not found". The official SDK weighed about 900 KB in the bundle (with zod) for these few
// messages; the unit tests drive this server with the SDK's own client, over stdio and in memory.

/** Newest first; the server answers with the client's version when it knows it, else with the first. */
export const MCP_PROTOCOL_VERSIONS = ['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05'] as const;

export type JsonRpcId = string | number;
export interface JsonRpcMessage {
  jsonrpc: '2.0';
  id?: JsonRpcId | null;
  method?: string;
  params?: Record<string, unknown>;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

/** What the server needs of a transport; the SDK's transports (stdio, in-memory) have this shape too. */
export interface McpTransport {
  start(): Promise<void>;
  send(message: JsonRpcMessage): Promise<void>;
  close(): Promise<void>;
  onmessage?: (message: JsonRpcMessage) => void;
  onclose?: () => void;
  onerror?: (error: Error) => void;
}

export const RpcError = {
  ParseError: -32700,
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  InternalError: -32603,
} as const;

/** An input schema: an object whose properties are strings (all our tools take). */
export interface StringObjectSchema {
  type: 'object';
  properties: Record<string, { type: 'string'; description: string }>;
  required?: string[];
}

export interface ToolDefinition {
  description: string;
  inputSchema: StringObjectSchema;
  annotations?: { title?: string; readOnlyHint?: boolean; destructiveHint?: boolean; openWorldHint?: boolean };
}

export interface ToolResult { content: { type: 'text'; text: string }[]; isError?: boolean }
type ToolHandler = (args: Record<string, string | undefined>) => Promise<ToolResult>;

export interface ElicitResult { action: 'accept' | 'decline' | 'cancel'; content?: Record<string, unknown> }

class RpcFailure extends Error {
  constructor(readonly code: number, message: string) { super(message); }
}

/** Checks tool arguments against the tool's schema: declared string properties, required ones present. */
export function checkArguments(schema: StringObjectSchema, args: unknown): Record<string, string | undefined> {
  if (args === undefined || args === null) args = {};
  if (typeof args !== 'object' || Array.isArray(args)) throw new RpcFailure(RpcError.InvalidParams, 'Invalid arguments: expected an object');
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(args as Record<string, unknown>)) {
    if (!Object.hasOwn(schema.properties, key)) throw new RpcFailure(RpcError.InvalidParams, `Invalid arguments: unknown property "${key}"`);
    if (typeof value !== 'string') throw new RpcFailure(RpcError.InvalidParams, `Invalid arguments: "${key}" must be a string`);
    out[key] = value;
  }
  for (const key of schema.required ?? []) {
    if (out[key] === undefined) throw new RpcFailure(RpcError.InvalidParams, `Invalid arguments: "${key}" is required`);
  }
  return out;
}

export class McpServer {
  private readonly tools = new Map<string, { def: ToolDefinition; handler: ToolHandler }>();
  private transport: McpTransport | undefined;
  private nextId = 1;
  private readonly pending = new Map<JsonRpcId, { resolve(v: unknown): void; reject(e: Error): void }>();
  private client: { name?: string; version?: string } | undefined;
  private capabilities: Record<string, unknown> | undefined;

  constructor(private readonly info: { name: string; version: string }) {}

  registerTool(name: string, def: ToolDefinition, handler: ToolHandler): void {
    this.tools.set(name, { def, handler });
  }

  /** The client's `clientInfo` from `initialize`. */
  getClientVersion(): { name?: string; version?: string } | undefined {
    return this.client;
  }

  getClientCapabilities(): Record<string, unknown> | undefined {
    return this.capabilities;
  }

  async connect(transport: McpTransport): Promise<void> {
    this.transport = transport;
    transport.onmessage = (m) => { void this.receive(m); };
    transport.onclose = () => this.failPending('the connection closed');
    await transport.start();
  }

  async close(): Promise<void> {
    this.failPending('the server closed');
    await this.transport?.close();
  }

  /** Asks the user through the client (`elicitation/create`); only when the client declared `elicitation`. */
  async elicitInput(params: { message: string; requestedSchema: Record<string, unknown> }): Promise<ElicitResult> {
    const result = await this.request('elicitation/create', params);
    const r = result as Partial<ElicitResult> | undefined;
    if (!r || (r.action !== 'accept' && r.action !== 'decline' && r.action !== 'cancel')) return { action: 'cancel' };
    return { action: r.action, ...(r.content && typeof r.content === 'object' ? { content: r.content } : {}) };
  }

  private request(method: string, params: Record<string, unknown>): Promise<unknown> {
    const transport = this.transport;
    if (!transport) return Promise.reject(new Error('not connected'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      transport.send({ jsonrpc: '2.0', id, method, params }).catch((e: unknown) => {
        this.pending.delete(id);
        reject(e instanceof Error ? e : new Error(String(e)));
      });
    });
  }

  private failPending(why: string): void {
    for (const p of this.pending.values()) p.reject(new Error(why));
    this.pending.clear();
  }

  private async receive(message: JsonRpcMessage): Promise<void> {
    if (message.method === undefined) {
      // A response to one of our requests.
      const p = message.id !== undefined && message.id !== null ? this.pending.get(message.id) : undefined;
      if (!p) return;
      this.pending.delete(message.id!);
      if (message.error) p.reject(new Error(message.error.message));
      else p.resolve(message.result);
      return;
    }
    const isRequest = message.id !== undefined && message.id !== null;
    if (!isRequest) return; // notifications (initialized, cancelled, roots changed): nothing to do
    let reply: JsonRpcMessage;
    try {
      reply = { jsonrpc: '2.0', id: message.id, result: await this.handle(message.method, message.params ?? {}) };
    } catch (e) {
      const code: number = e instanceof RpcFailure ? e.code : RpcError.InternalError;
      const text = e instanceof RpcFailure ? e.message : 'Internal error';
      reply = { jsonrpc: '2.0', id: message.id, error: { code, message: text } };
    }
    await this.transport?.send(reply).catch(() => undefined);
  }

  private async handle(method: string, params: Record<string, unknown>): Promise<unknown> {
    switch (method) {
      case 'initialize': {
        const info = params.clientInfo as { name?: unknown; version?: unknown } | undefined;
        this.client = { name: typeof info?.name === 'string' ? info.name : undefined, version: typeof info?.version === 'string' ? info.version : undefined };
        const caps = params.capabilities;
        this.capabilities = caps && typeof caps === 'object' ? caps as Record<string, unknown> : {};
        const asked = params.protocolVersion;
        const protocolVersion = MCP_PROTOCOL_VERSIONS.find((v) => v === asked) ?? MCP_PROTOCOL_VERSIONS[0];
        return { protocolVersion, capabilities: { tools: {} }, serverInfo: this.info };
      }
      case 'ping':
        return {};
      case 'tools/list':
        return {
          tools: [...this.tools].map(([name, { def }]) => ({
            name,
            ...(def.annotations?.title ? { title: def.annotations.title } : {}),
            description: def.description,
            inputSchema: def.inputSchema,
            ...(def.annotations ? { annotations: def.annotations } : {}),
          })),
        };
      case 'tools/call': {
        const name = params.name;
        const tool = typeof name === 'string' ? this.tools.get(name) : undefined;
        if (!tool) throw new RpcFailure(RpcError.InvalidParams, `Tool ${String(name)} not found`);
        const args = checkArguments(tool.def.inputSchema, params.arguments);
        try {
          return await tool.handler(args);
        } catch (e) {
          // Like the SDK: a failing tool is a result the model sees, not a protocol error.
          return { content: [{ type: 'text', text: e instanceof Error ? e.message : String(e) }], isError: true };
        }
      }
      default:
        throw new RpcFailure(RpcError.MethodNotFound, `Method not found: ${method}`);
    }
  }
}

/** The MCP stdio transport: one JSON-RPC message per line, UTF-8, no embedded newlines. */
export class StdioTransport implements McpTransport {
  onmessage?: (message: JsonRpcMessage) => void;
  onclose?: () => void;
  onerror?: (error: Error) => void;
  private buffer = '';
  private closed = false;

  constructor(private readonly stdin: NodeJS.ReadableStream, private readonly stdout: NodeJS.WritableStream) {}

  start(): Promise<void> {
    this.stdin.setEncoding('utf8');
    this.stdin.on('data', this.onData);
    this.stdin.on('end', this.onEnd);
    this.stdin.on('error', this.onError);
    return Promise.resolve();
  }

  send(message: JsonRpcMessage): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      if (this.stdout.write(JSON.stringify(message) + '\n')) resolve();
      else this.stdout.once('drain', () => resolve());
    });
  }

  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.stdin.off('data', this.onData);
      this.stdin.off('end', this.onEnd);
      this.stdin.off('error', this.onError);
      this.onclose?.();
    }
    return Promise.resolve();
  }

  private readonly onData = (chunk: string | Buffer): void => {
    this.buffer += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    for (let nl = this.buffer.indexOf('\n'); nl !== -1; nl = this.buffer.indexOf('\n')) {
      const line = this.buffer.slice(0, nl).replace(/\r$/, '');
      this.buffer = this.buffer.slice(nl + 1);
      if (line.trim()) this.dispatch(line);
    }
  };

  private readonly onEnd = (): void => { void this.close(); };
  private readonly onError = (e: Error): void => { this.onerror?.(e); };

  private dispatch(line: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      // Never quote the line back: it may hold a credential.
      void this.send({ jsonrpc: '2.0', id: null, error: { code: RpcError.ParseError, message: 'Parse error' } });
      return;
    }
    for (const m of Array.isArray(parsed) ? parsed as unknown[] : [parsed]) {
      if (m && typeof m === 'object' && (m as JsonRpcMessage).jsonrpc === '2.0') this.onmessage?.(m as JsonRpcMessage);
      else void this.send({ jsonrpc: '2.0', id: null, error: { code: RpcError.InvalidRequest, message: 'Invalid request' } });
    }
  }
}
