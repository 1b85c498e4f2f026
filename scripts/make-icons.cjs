#!/usr/bin/env node
/*
 * Draws the add-in's icons as PNG files into assets/ (or the folder given), with Node only:
 * shapes are rasterised with 8x8 supersampling, rows are deflated with zlib, and the PNG
 * chunks get their CRC-32 from a small table here.
 *
 *   node scripts/make-icons.cjs [outDir]
 *
 * Two glyphs, on a rounded square in Office blue (#0F548C; white on it has a contrast ratio
 * above 7:1, and the amber lock above 3:1, the WCAG 2.1 minimum for graphics):
 *   icon-N.png    an envelope with a padlock: the add-in (ribbon button "Sikker Post",
 *                 the notification icon, IconUrl and HighResolutionIconUrl);
 *   secure-N.png  a padlock with a check mark: the "Send sikkert" button.
 * N is the pixel size. Button icons need 16, 32 and 80 px; 20, 24, 40, 48 and 64 px are
 * used where Outlook scales; 64 px is the add-in icon and 128 px the high-resolution one.
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");

const ICON_SIZES = [16, 20, 24, 32, 40, 48, 64, 80, 128];
const SECURE_SIZES = [16, 20, 24, 32, 40, 48, 64, 80];

const BLUE = [0x0f, 0x54, 0x8c];
const WHITE = [0xff, 0xff, 0xff];
const AMBER = [0xff, 0xb9, 0x00];
const INK = [0x1b, 0x1b, 0x1b];

// ---- geometry: every shape is a test "is the point (x, y) in the unit square inside?" ----

function roundRect(x0, y0, x1, y1, r) {
  return (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
}

function segmentDistance(x, y, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

/** A stroked polyline with round joins and caps. */
function stroke(points, width) {
  return (x, y) => {
    for (let i = 0; i + 1 < points.length; i++) {
      const [ax, ay] = points[i];
      const [bx, by] = points[i + 1];
      if (segmentDistance(x, y, ax, ay, bx, by) <= width / 2) return true;
    }
    return false;
  };
}

/** The upper half of a ring (a padlock's shackle), with straight legs down to `bottom`. */
function shackle(cx, cy, radius, width, bottom) {
  return (x, y) => {
    if (y <= cy) return Math.abs(Math.hypot(x - cx, y - cy) - radius) <= width / 2;
    if (y > bottom) return false;
    return Math.abs(x - (cx - radius)) <= width / 2 || Math.abs(x - (cx + radius)) <= width / 2;
  };
}

function circle(cx, cy, r) {
  return (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** Grows a shape by d in every direction (approximated by sampling a ring of offsets). */
function grow(shape, d) {
  const offsets = [[0, 0]];
  for (let k = 0; k < 16; k++) offsets.push([d * Math.cos((k * Math.PI) / 8), d * Math.sin((k * Math.PI) / 8)]);
  return (x, y) => offsets.some(([ox, oy]) => shape(x + ox, y + oy));
}

// ---- the two glyphs, as layers painted in order ----

function background() {
  return { color: BLUE, shape: roundRect(0.02, 0.02, 0.98, 0.98, 0.18) };
}

function padlock(x0, y0, x1, y1, bodyColor, outline) {
  const w = x1 - x0;
  const bodyTop = y0 + (y1 - y0) * 0.42;
  const cx = (x0 + x1) / 2;
  const radius = w * 0.3;
  const shackleShape = shackle(cx, y0 + radius + w * 0.06, radius, w * 0.14, bodyTop + 0.01);
  const body = roundRect(x0, bodyTop, x1, y1, w * 0.12);
  const layers = [];
  if (outline > 0) layers.push({ color: BLUE, shape: grow((x, y) => body(x, y) || shackleShape(x, y), outline) });
  layers.push({ color: bodyColor, shape: shackleShape });
  layers.push({ color: bodyColor, shape: body });
  return { layers, body: { x0, y0: bodyTop, x1, y1 } };
}

function envelopeIcon(size) {
  const small = size <= 20;
  const line = small ? 0.085 : 0.06;
  const layers = [background()];
  // Envelope: a white card with the flap drawn as a blue V.
  const ex0 = 0.13, ey0 = 0.24, ex1 = 0.79, ey1 = 0.7;
  layers.push({ color: WHITE, shape: roundRect(ex0, ey0, ex1, ey1, 0.04) });
  layers.push({ color: BLUE, shape: stroke([[ex0 + 0.05, ey0 + 0.06], [(ex0 + ex1) / 2, ey0 + 0.27], [ex1 - 0.05, ey0 + 0.06]], line) });
  // Padlock over the lower right corner, cut out from the envelope by a blue outline.
  const lock = padlock(0.56, 0.46, 0.9, 0.9, AMBER, small ? 0.05 : 0.04);
  layers.push(...lock.layers);
  if (!small) {
    const b = lock.body;
    const kx = (b.x0 + b.x1) / 2;
    layers.push({ color: INK, shape: circle(kx, b.y0 + (b.y1 - b.y0) * 0.4, 0.035) });
    layers.push({ color: INK, shape: stroke([[kx, b.y0 + (b.y1 - b.y0) * 0.4], [kx, b.y0 + (b.y1 - b.y0) * 0.72]], 0.035) });
  }
  return layers;
}

function secureIcon(size) {
  const small = size <= 20;
  const layers = [background()];
  const lock = padlock(0.24, 0.14, 0.76, 0.86, WHITE, 0);
  layers.push(...lock.layers);
  const b = lock.body;
  const h = b.y1 - b.y0;
  layers.push({
    color: BLUE,
    shape: stroke([[0.37, b.y0 + h * 0.52], [0.47, b.y0 + h * 0.72], [0.64, b.y0 + h * 0.3]], small ? 0.09 : 0.07),
  });
  return layers;
}

// ---- rasteriser and PNG writer ----

function render(size, layers) {
  const ss = 8;
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0; // premultiplied
      for (const layer of layers) {
        let hits = 0;
        for (let sy = 0; sy < ss; sy++) {
          for (let sx = 0; sx < ss; sx++) {
            if (layer.shape((px + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size)) hits++;
          }
        }
        const cover = hits / (ss * ss);
        if (cover === 0) continue;
        r = layer.color[0] * cover + r * (1 - cover);
        g = layer.color[1] * cover + g * (1 - cover);
        b = layer.color[2] * cover + b * (1 - cover);
        a = cover + a * (1 - cover);
      }
      const o = (py * size + px) * 4;
      rgba[o] = a > 0 ? Math.round(r / a) : 0;
      rgba[o + 1] = a > 0 ? Math.round(g / a) : 0;
      rgba[o + 2] = a > 0 ? Math.round(b / a) : 0;
      rgba[o + 3] = Math.round(a * 255);
    }
  }
  return rgba;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  ihdr[10] = 0; // deflate
  ihdr[11] = 0; // adaptive filtering
  ihdr[12] = 0; // no interlace
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function main() {
  const outDir = path.resolve(process.argv[2] ?? path.join(__dirname, "..", "assets"));
  fs.mkdirSync(outDir, { recursive: true });
  const written = [];
  for (const size of ICON_SIZES) {
    fs.writeFileSync(path.join(outDir, `icon-${size}.png`), png(size, render(size, envelopeIcon(size))));
    written.push(`icon-${size}.png`);
  }
  for (const size of SECURE_SIZES) {
    fs.writeFileSync(path.join(outDir, `secure-${size}.png`), png(size, render(size, secureIcon(size))));
    written.push(`secure-${size}.png`);
  }
  console.log(`wrote ${written.length} icons to ${outDir}`);
}

if (require.main === module) main();

module.exports = { png, crc32, ICON_SIZES, SECURE_SIZES };
