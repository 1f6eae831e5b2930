// The CLI's version, set by the build from package.json.
declare const __TC_VERSION__: string | undefined;
export const CLI_VERSION: string = typeof __TC_VERSION__ === 'string' ? __TC_VERSION__ : '0.0.0-dev';
