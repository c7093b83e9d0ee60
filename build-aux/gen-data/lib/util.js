'use strict';
// Small helpers shared by the NewsDesk data generators.
// SPDX-License-Identifier: GPL-3.0-or-later

const fs = require('fs');
const path = require('path');

const MODULES = path.join(__dirname, '..', 'node_modules');

function pkgInfo(name) {
  const pj = JSON.parse(fs.readFileSync(path.join(MODULES, name, 'package.json'), 'utf8'));
  let license = pj.license;
  if (!license && Array.isArray(pj.licenses)) license = pj.licenses.map((l) => l.type || l.url).join(' OR ');
  if (license && typeof license === 'object') license = license.type;
  return { name, version: pj.version, license: license || 'unknown' };
}

function pkgFile(name, rel) {
  return path.join(MODULES, name, rel);
}

// Diacritic- and case-insensitive key: NFD, drop combining marks, lower case,
// apostrophes dropped, hyphens and dots to spaces, spaces collapsed.
function fold(s) {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[ʻʼ’‘`'ʹ]/g, '')
    .replace(/[‐‑–—\-.,]/g, ' ')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[øœæłđ]/g, (c) => ({ ø: 'o', œ: 'oe', æ: 'ae', ł: 'l', đ: 'd' })[c])
    .replace(/\s+/g, ' ')
    .trim();
}

function isLatin(s) {
  return /^[\p{Script=Latin}\p{M} .'’ʻʼ‘\-‐]+$/u.test(s);
}

function levenshtein(a, b) {
  if (a === b) return 0;
  const m = a.length, n = b.length;
  if (!m) return n;
  if (!n) return m;
  let prev = new Array(n + 1);
  let cur = new Array(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const c = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + c);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[n];
}

function similarity(a, b) {
  const d = levenshtein(a, b);
  return 1 - d / Math.max(a.length, b.length, 1);
}

// Consonant skeleton of a folded name, for telling spelling variants of a
// romanised name (Kiev/Kyiv, Calcutta/Kolkata) from other languages' names.
function skeleton(k) {
  return k
    .replace(/(^| )(al|el|ad|as|ash|ar|at|az|an|en|ed|es|ez|ul|ud|ur)( |$)/g, ' ')
    .replace(/[ '\-]/g, '')
    .replace(/ch/g, 'c').replace(/sh/g, 's').replace(/kh/g, 'k').replace(/gh/g, 'g').replace(/th/g, 't')
    .replace(/dh/g, 'd').replace(/zh/g, 'z').replace(/ph/g, 'f')
    .replace(/[cq]/g, 'k').replace(/x/g, 'ks')
    .replace(/[aeiouyhw]/g, '')
    .replace(/(.)\1+/g, '$1');
}

function coord(x) {
  // at most 4 decimals, no trailing zeros, no "-0"
  let s = (Math.round(Number(x) * 1e4) / 1e4).toFixed(4).replace(/\.?0+$/, '');
  if (s === '-0') s = '0';
  return s;
}

function tsvField(s) {
  return String(s == null ? '' : s).replace(/[\t\r\n|]+/g, ' ').trim();
}

function writeLines(file, headerLines, lines) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const out = headerLines.map((h) => (h ? '# ' + h : '#')).join('\n') + '\n' + lines.join('\n') + (lines.length ? '\n' : '');
  fs.writeFileSync(file, out, 'utf8');
  return { file, lines: lines.length, bytes: Buffer.byteLength(out) };
}

function capitalise(w) {
  // "mary-jane" -> "Mary-Jane", "o'neil" -> "O'Neil"
  return w
    .toLowerCase()
    .replace(/(^|[\s\-'’])(\p{Ll})/gu, (m, p, c) => p + c.toUpperCase());
}

module.exports = { MODULES, pkgInfo, pkgFile, fold, isLatin, levenshtein, similarity, skeleton, coord, tsvField, writeLines, capitalise };
