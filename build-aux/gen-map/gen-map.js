#!/usr/bin/env node
// gen-map.js — writes data/map/world-50m.bin, NewsDesk's offline world map,
// from Natural Earth 1:50m outlines as packaged by the npm package world-atlas.
//
// SPDX-License-Identifier: GPL-3.0-or-later
//
//   cd build-aux/gen-map && npm ci && node gen-map.js [OUTPUT]
//
// Format (all little-endian), read by src/ui/nd-map-data.c:
//
//   header   char magic[4] = "NDMP"; u16 version = 1; u16 reserved = 0;
//            u32 n_land_rings; u32 n_border_lines; u32 n_countries
//   land     n_land_rings × ring        (Natural Earth land, closed rings:
//                                        fill even-odd, stroke as coastline)
//   borders  n_border_lines × ring      (open polylines: borders between
//                                        two countries, each drawn once)
//   country  n_countries × { u16 iso_numeric (0: none); u8 name_len;
//                            name (UTF-8, name_len bytes); u16 n_rings;
//                            n_rings × ring }   (even-odd across all rings)
//   ring     u32 n_points; n_points × { i16 x; i16 y }
//
// with x = round (lon × 32767 / 180) and y = round (lat × 32767 / 90), so a
// step is 0.0055° of longitude and 0.0027° of latitude (about 600 m and 300 m),
// finer than the 1:50m source needs. Closed rings do not repeat their first
// point. Points that quantise to the same value as the one before are dropped.
'use strict';

const fs = require('fs');
const path = require('path');
const topojson = require('topojson-client');
const countries50 = require('world-atlas/countries-50m.json');
const land50 = require('world-atlas/land-50m.json');

const output = process.argv[2] ||
  path.join(__dirname, '..', '..', 'data', 'map', 'world-50m.bin');

const qx = (lon) => Math.max(-32767, Math.min(32767, Math.round(lon * 32767 / 180)));
const qy = (lat) => Math.max(-32767, Math.min(32767, Math.round(lat * 32767 / 90)));

function quantise (coords, closed) {
  const out = [];
  for (const [lon, lat] of coords) {
    const x = qx(lon), y = qy(lat);
    const last = out[out.length - 1];
    if (last && last[0] === x && last[1] === y)
      continue;
    out.push([x, y]);
  }
  if (closed && out.length > 1) {
    const a = out[0], b = out[out.length - 1];
    if (a[0] === b[0] && a[1] === b[1])
      out.pop();
  }
  return out;
}

// Natural Earth rings that cross the antimeridian jump from +180 to -180
// (Russia, Fiji, Antarctica ...): drawn flat, each jump would be a line
// across the world. Rings are unwrapped to continuous longitudes, closed
// along the pole when they go round it (Antarctica), and clipped into
// [-180, 180] again, one piece per 360° window they reach.
function unwrap (coords) {
  const out = [];
  let shift = 0;
  for (let i = 0; i < coords.length; i++) {
    let [lon, lat] = coords[i];
    if (i > 0) {
      const prev = coords[i - 1][0];
      if (lon - prev > 180) shift -= 360;
      else if (prev - lon > 180) shift += 360;
    }
    out.push([lon + shift, lat]);
  }
  return out;
}

function clipHalf (ring, inside, cross) {
  const out = [];
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i], b = ring[(i + 1) % ring.length];
    const ina = inside(a), inb = inside(b);
    if (ina) out.push(a);
    if (ina !== inb) out.push(cross(a, b));
  }
  return out;
}

function atLon (a, b, lon) {
  const t = (lon - a[0]) / (b[0] - a[0]);
  return [lon, a[1] + t * (b[1] - a[1])];
}

function splitRing (coords) {
  let ring = coords.slice();
  if (ring.length > 1) {
    const a = ring[0], b = ring[ring.length - 1];
    if (a[0] === b[0] && a[1] === b[1]) ring.pop();
  }
  const jumps = ring.some((p, i) => i > 0 && Math.abs(p[0] - ring[i - 1][0]) > 180);
  if (!jumps) return [ring];

  ring = unwrap(ring);
  const first = ring[0], last = ring[ring.length - 1];
  if (Math.abs(last[0] - first[0]) > 180) {
    // goes round a pole: close it along the pole
    const pole = ring.reduce((s, p) => s + p[1], 0) < 0 ? -90 : 90;
    ring.push([last[0], pole], [first[0], pole]);
  }

  const min = Math.min(...ring.map((p) => p[0]));
  const max = Math.max(...ring.map((p) => p[0]));
  const pieces = [];
  for (let k = Math.floor((min + 180) / 360); k * 360 - 180 < max; k++) {
    const lo = k * 360 - 180, hi = k * 360 + 180;
    let piece = clipHalf(ring, (p) => p[0] >= lo, (a, b) => atLon(a, b, lo));
    piece = clipHalf(piece, (p) => p[0] <= hi, (a, b) => atLon(a, b, hi));
    if (piece.length >= 3)
      pieces.push(piece.map(([lon, lat]) => [lon - k * 360, lat]));
  }
  return pieces;
}

function splitLine (coords) {
  const lines = [[coords[0]]];
  for (let i = 1; i < coords.length; i++) {
    const a = coords[i - 1], b = coords[i];
    if (Math.abs(b[0] - a[0]) > 180) {
      const edge = a[0] > 0 ? 180 : -180;
      const b2 = [b[0] + (edge > 0 ? 360 : -360), b[1]];
      const c = atLon(a, b2, edge);
      lines[lines.length - 1].push(c);
      lines.push([[-edge, c[1]]]);
    }
    lines[lines.length - 1].push(b);
  }
  return lines;
}

function polygonsOf (geometry) {
  if (!geometry)
    return [];
  if (geometry.type === 'Polygon')
    return [geometry.coordinates];
  if (geometry.type === 'MultiPolygon')
    return geometry.coordinates;
  throw new Error('unexpected geometry ' + geometry.type);
}

const chunks = [];
function u8 (v) { const b = Buffer.alloc(1); b.writeUInt8(v); chunks.push(b); }
function u16 (v) { const b = Buffer.alloc(2); b.writeUInt16LE(v); chunks.push(b); }
function u32 (v) { const b = Buffer.alloc(4); b.writeUInt32LE(v); chunks.push(b); }
function ring (points) {
  const b = Buffer.alloc(4 + points.length * 4);
  b.writeUInt32LE(points.length, 0);
  points.forEach(([x, y], i) => {
    b.writeInt16LE(x, 4 + i * 4);
    b.writeInt16LE(y, 6 + i * 4);
  });
  chunks.push(b);
}

// Land: the Natural Earth land polygons
const landRings = [];
for (const feature of topojson.feature(land50, land50.objects.land).features)
  for (const polygon of polygonsOf(feature.geometry))
    for (const r of polygon)
      for (const piece of splitRing(r)) {
        const q = quantise(piece, true);
        if (q.length >= 3)
          landRings.push(q);
      }

// Borders: arcs shared by two different countries, each once
const mesh = topojson.mesh(countries50, countries50.objects.countries, (a, b) => a !== b);
const borderLines = mesh.coordinates.flatMap(splitLine).map((l) => quantise(l, false)).filter((l) => l.length >= 2);

// Countries, for point queries (which country is here) and highlighting
const countries = [];
for (const feature of topojson.feature(countries50, countries50.objects.countries).features) {
  const rings = [];
  for (const polygon of polygonsOf(feature.geometry))
    for (const r of polygon)
      for (const piece of splitRing(r)) {
        const q = quantise(piece, true);
        if (q.length >= 3)
          rings.push(q);
      }
  if (rings.length === 0)
    continue;
  const name = Buffer.from(feature.properties.name, 'utf8');
  if (name.length > 255)
    throw new Error('name too long: ' + feature.properties.name);
  countries.push({ iso: feature.id ? parseInt(feature.id, 10) : 0, name, rings });
}
countries.sort((a, b) => a.name.compare(b.name));

chunks.push(Buffer.from('NDMP', 'ascii'));
u16(1);
u16(0);
u32(landRings.length);
u32(borderLines.length);
u32(countries.length);
landRings.forEach(ring);
borderLines.forEach(ring);
for (const c of countries) {
  u16(c.iso);
  u8(c.name.length);
  chunks.push(c.name);
  u16(c.rings.length);
  c.rings.forEach(ring);
}

const data = Buffer.concat(chunks);
fs.mkdirSync(path.dirname(output), { recursive: true });
fs.writeFileSync(output, data);

const count = (rings) => rings.reduce((n, r) => n + r.length, 0);
console.log(`${output}: ${data.length} bytes; ` +
            `${landRings.length} land rings (${count(landRings)} points), ` +
            `${borderLines.length} border lines (${count(borderLines)} points), ` +
            `${countries.length} countries (${countries.reduce((n, c) => n + count(c.rings), 0)} points)`);
