// Bytes without Node's Buffer: the engine also runs in the browser build (web worker extension host),
// where Buffer does not exist. Uint8Array plus TextEncoder/TextDecoder, which Node and browsers share.

const encoder = new TextEncoder();
// ignoreBOM keeps a leading U+FEFF as Buffer#toString('utf8') does; invalid sequences become U+FFFD.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

export function utf8Bytes(s: string): Uint8Array {
  return encoder.encode(s);
}

export function utf8Text(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** Each byte as one character (U+0000–U+00FF), as Buffer#toString('latin1'). */
export function latin1Text(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 4096) s += String.fromCharCode(...bytes.subarray(i, i + 4096));
  return s;
}

const B64_VALUES = (() => {
  const t = new Int16Array(128).fill(-1);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  for (let i = 0; i < alphabet.length; i++) t[alphabet.charCodeAt(i)] = i;
  t['+'.charCodeAt(0)] = t['-'.charCodeAt(0)] = 62;
  t['/'.charCodeAt(0)] = t['_'.charCodeAt(0)] = 63;
  return t;
})();

/**
 * Decodes standard or URL-safe base64, padded or not, as Buffer.from(s, 'base64') does for input of
 * the base64 alphabets: decoding stops at the first `=`, other characters are skipped, a trailing
 * group of 2 or 3 characters gives 1 or 2 bytes and a lone trailing character none.
 */
export function base64Bytes(s: string): Uint8Array {
  const out = new Uint8Array(Math.floor((s.length * 3) / 4) + 3);
  let n = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 61) break; // '='
    const v = c < 128 ? (B64_VALUES[c] ?? -1) : -1;
    if (v < 0) continue;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
      acc &= (1 << bits) - 1;
    }
  }
  return out.slice(0, n);
}
