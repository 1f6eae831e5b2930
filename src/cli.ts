// token-custody command-line tool (entry point).
process.exitCode = 0;
