// Draws the extension icon (media/icon.png, 128x128): a gold shield with a keyhole on a dark blue
// rounded square. Plain Node: a tiny PNG encoder over node:zlib, 4x4 supersampling for smooth edges.
// Usage: node scripts/make-icon.mjs [out.png]
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SS = 4; // samples per axis per pixel

const BG = [22, 52, 87];
const GOLD = [242, 193, 78];
const INNER = [31, 77, 128];

function roundedSquare(x, y, r = 26, inset = 4) {
  const lo = inset + r;
  const hi = SIZE - inset - r;
  const dx = Math.max(lo - x, 0, x - hi);
  const dy = Math.max(lo - y, 0, y - hi);
  return dx * dx + dy * dy <= r * r;
}

/** Shield centred on x = 64, scaled by `s` around (64, 64). */
function shield(x, y, s = 1) {
  const u = 64 + (x - 64) / s;
  const v = 64 + (y - 64) / s;
  const half = 40;
  const dx = Math.abs(u - 64);
  if (dx > half) return false;
  const top = 18 + 9 * (dx / half);
  if (v < top) return false;
  const shoulder = 66;
  if (v <= shoulder) return true;
  const t = (v - shoulder) / 46;
  if (t >= 1) return false;
  return dx <= half * Math.pow(Math.cos((t * Math.PI) / 2), 0.85);
}

function keyhole(x, y) {
  const cx = 64;
  const cy = 58;
  if ((x - cx) ** 2 + (y - cy) ** 2 <= 11 * 11) return true;
  if (y < cy || y > 90) return false;
  const w = 5 + ((y - cy) / (90 - cy)) * 4;
  return Math.abs(x - cx) <= w;
}

function sample(x, y) {
  if (!roundedSquare(x, y)) return null;
  if (keyhole(x, y)) return GOLD;
  if (shield(x, y, 0.8)) return INNER;
  if (shield(x, y)) return GOLD;
  return BG;
}

function render() {
  const rgba = Buffer.alloc(SIZE * SIZE * 4);
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < SIZE; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const c = sample(px + (sx + 0.5) / SS, py + (sy + 0.5) / SS);
          if (!c) continue;
          r += c[0]; g += c[1]; b += c[2]; a++;
        }
      }
      const i = (py * SIZE + px) * 4;
      if (a) {
        rgba[i] = Math.round(r / a);
        rgba[i + 1] = Math.round(g / a);
        rgba[i + 2] = Math.round(b / a);
      }
      rgba[i + 3] = Math.round((a / (SS * SS)) * 255);
    }
  }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

export function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = process.argv[2] ?? new URL('../media/icon.png', import.meta.url);
writeFileSync(out, encodePng(SIZE, SIZE, render()));
console.log(`wrote ${out instanceof URL ? out.pathname : out}`);
