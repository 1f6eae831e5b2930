// `token-custody mcp --help`, kept apart from the server.

import { TOOL_CHECK_TEXT, TOOL_LIST_SECRETS, TOOL_RUN_WITH_SECRETS } from '../agents/tools';

export const MCP_USAGE = `Usage: token-custody mcp [--allow-run never|ask|allow] [--cwd DIR]

Runs an MCP server on stdin/stdout with the tools ${TOOL_CHECK_TEXT}, ${TOOL_LIST_SECRETS} and
${TOOL_RUN_WITH_SECRETS}. No tool result ever holds a secret value.
  --allow-run  never: ${TOOL_RUN_WITH_SECRETS} is not offered; ask (default): the user confirms each
               command (MCP elicitation, or the client's own tool approval); allow: runs directly.
  --cwd DIR    the directory commands run in by default (and whose .env names the secrets).
Custody events go to $TOKEN_CUSTODY_LOG, else the per-user custody log.
`;
