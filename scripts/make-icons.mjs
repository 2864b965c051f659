#!/usr/bin/env node
/* global console, Buffer */
// Draws Panic Desk's icons with nothing but Node (zlib for PNG): a deep red rounded square with a
// white exclamation mark. The tray icons carry a readiness badge: green (ready), amber (degraded),
// red on a grey square (offline: a press cannot reach AURA), none on a grey square (not configured).
// Output is committed; run `node scripts/make-icons.mjs` after changing a shape or colour.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'resources');

const RED = [198, 40, 40];
const GREY = [97, 97, 97];
const WHITE = [255, 255, 255];
const BADGES = {
  ready: { square: RED, badge: [46, 125, 50] },
  degraded: { square: RED, badge: [249, 168, 37] },
  offline: { square: GREY, badge: [229, 57, 53] },
  notConfigured: { square: GREY, badge: null },
};

// --- shapes, in unit coordinates (0..1, y down) ---------------------------------------------
const roundedSquare = (margin, radius) => (x, y) => {
  const lo = margin + radius;
  const hi = 1 - margin - radius;
  const dx = Math.max(lo - x, 0, x - hi);
  const dy = Math.max(lo - y, 0, y - hi);
  return x >= margin && x <= 1 - margin && y >= margin && y <= 1 - margin && dx * dx + dy * dy <= radius * radius;
};
const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
/** A vertical capsule from y0 to y1 (centres of its round ends), of half-width r. */
const capsule = (cx, y0, y1, r) => (x, y) => {
  const cy = Math.min(Math.max(y, y0), y1);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};

/** Layers of [inside(x, y), rgb], drawn in order with 4x4 supersampling. */
function render(size, layers) {
  const samples = 4;
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          let colour = null;
          for (const [inside, rgb] of layers) if (inside(x, y)) colour = rgb;
          if (colour) {
            r += colour[0];
            g += colour[1];
            b += colour[2];
            a += 1;
          }
        }
      }
      const i = (py * size + px) * 4;
      // Straight (not premultiplied) alpha, as PNG wants it.
      rgba[i] = a ? Math.round(r / a) : 0;
      rgba[i + 1] = a ? Math.round(g / a) : 0;
      rgba[i + 2] = a ? Math.round(b / a) : 0;
      rgba[i + 3] = Math.round((255 * a) / (samples * samples));
    }
  }
  return rgba;
}

// --- PNG ----------------------------------------------------------------------------------------
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
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
export function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// --- icons --------------------------------------------------------------------------------------
function appIcon(size) {
  return render(size, [
    [roundedSquare(0.06, 0.2), RED],
    [capsule(0.5, 0.24, 0.58, 0.075), WHITE],
    [circle(0.5, 0.76, 0.085), WHITE],
  ]);
}

function trayIcon(size, { square, badge }) {
  const layers = [
    [roundedSquare(0.02, 0.2), square],
    [capsule(0.4, 0.2, 0.56, 0.085), WHITE],
    [circle(0.4, 0.78, 0.095), WHITE],
  ];
  if (badge) layers.push([circle(0.77, 0.77, 0.25), WHITE], [circle(0.77, 0.77, 0.18), badge]);
  return render(size, layers);
}

function write(path, size, rgba) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, encodePng(size, rgba));
  console.log(`${path.slice(ROOT.length + 1)} ${size}x${size}`);
}

write(join(OUT, 'icon.png'), 1024, appIcon(1024));
for (const size of [16, 32, 48, 64, 128, 256, 512])
  write(join(OUT, 'icons', `${size}x${size}.png`), size, appIcon(size));
for (const [level, colours] of Object.entries(BADGES)) {
  write(join(OUT, 'tray', `tray-${level}.png`), 16, trayIcon(16, colours));
  write(join(OUT, 'tray', `tray-${level}@2x.png`), 32, trayIcon(32, colours));
}
