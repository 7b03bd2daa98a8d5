// Renders the NoLapse app icon — a deep-teal rounded square with a white clock ring and check —
// as PNG files, using only Node (zlib for the PNG encoding). Run: node build/make-icon.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Encodes straight (non-premultiplied) RGBA pixels as a PNG. */
function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++)
    rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Signed distances in unit coordinates (0..1 across the icon); negative is inside.
function roundedSquare(x, y, half, radius) {
  const qx = Math.abs(x - 0.5) - half + radius;
  const qy = Math.abs(y - 0.5) - half + radius;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

function segment(x, y, [ax, ay], [bx, by], width) {
  const [px, py, dx, dy] = [x - ax, y - ay, bx - ax, by - ay];
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - t * dx, py - t * dy) - width / 2;
}

function ring(x, y, cx, cy, radius, width) {
  return Math.abs(Math.hypot(x - cx, y - cy) - radius) - width / 2;
}

const coverage = (distance, pixel) => Math.max(0, Math.min(1, 0.5 - distance / pixel));

export function renderIcon(size) {
  const pixel = 1 / size;
  const rgba = Buffer.alloc(size * size * 4);
  const top = [19, 122, 120]; // teal
  const bottom = [9, 78, 82]; // deep teal
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const [x, y] = [(px + 0.5) / size, (py + 0.5) / size];
      const tile = coverage(roundedSquare(x, y, 0.44, 0.1), pixel);
      if (tile === 0) continue;
      const shade = top.map((c, i) => c + (bottom[i] - c) * y);
      // The clock ring opens at the top right where the check mark sweeps out of it.
      const angle = Math.atan2(y - 0.5, x - 0.5);
      const gap = angle > -1.25 && angle < -0.35;
      const ringMark = gap ? 0 : coverage(ring(x, y, 0.5, 0.5, 0.29, 0.055), pixel);
      const check = coverage(
        Math.min(
          segment(x, y, [0.36, 0.52], [0.47, 0.63], 0.075),
          segment(x, y, [0.47, 0.63], [0.76, 0.3], 0.075),
        ),
        pixel,
      );
      const white = Math.max(ringMark, check);
      const i = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) rgba[i + c] = Math.round(shade[c] + (255 - shade[c]) * white);
      rgba[i + 3] = Math.round(255 * tile);
    }
  }
  return encodePng(size, rgba);
}

function write(path, size) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, renderIcon(size));
  console.log(`wrote ${path}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  write(join(here, 'icon.png'), 512);
  for (const size of [16, 32, 48, 64, 128, 256, 512])
    write(join(here, 'icons', `${size}x${size}.png`), size);
}
