'use strict';
// Romanisation of personal names into the spellings English-language news
// uses (simplified BGN/PCGN-style for Russian, the Ukrainian national system,
// Macedonian official, Greek ELOT-like, Georgian national, Armenian
// BGN-like). Only letters are mapped; anything unmapped makes the name be
// skipped by the caller (returns null).
// SPDX-License-Identifier: GPL-3.0-or-later

const VOWELS_RU = 'аеёиоуыэюяъьАЕЁИОУЫЭЮЯ';

const RU = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l',
  м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch',
  ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};
const UK = {
  а: 'a', б: 'b', в: 'v', г: 'h', ґ: 'g', д: 'd', е: 'e', є: 'ie', ж: 'zh', з: 'z', и: 'y', і: 'i', ї: 'i',
  й: 'i', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh',
  ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ь: '', ю: 'iu', я: 'ia', '\u02bc': '', "'": '', '’': '',
};
const UK_INITIAL = { є: 'ye', ї: 'yi', й: 'y', ю: 'yu', я: 'ya' };
const MK = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', ѓ: 'gj', е: 'e', ж: 'ž', з: 'z', ѕ: 'dz', и: 'i', ј: 'j', к: 'k',
  л: 'l', љ: 'lj', м: 'm', н: 'n', њ: 'nj', о: 'o', п: 'p', р: 'r', с: 's', т: 't', ќ: 'kj', у: 'u', ф: 'f',
  х: 'h', ц: 'c', ч: 'č', џ: 'dž', ш: 'š',
};

function finish(s) {
  if (!s || !/^[\p{Script=Latin} \-']+$/u.test(s)) return null;
  return s.replace(/(^|[\s\-])(\p{Ll})/gu, (m, p, c) => p + c.toUpperCase());
}

// Russian: returns an array of spellings (BGN-style, plus the common
// news variant for -ей/-ий endings: Sergey/Sergei, Dmitriy/Dmitry).
function russian(name) {
  const lower = name.toLowerCase();
  let out = '';
  for (let i = 0; i < lower.length; i++) {
    const ch = lower[i];
    const prev = i ? lower[i - 1] : ' ';
    const atStart = i === 0 || /[\s\-]/.test(prev);
    if (ch === 'е' && (atStart || VOWELS_RU.includes(prev))) { out += 'ye'; continue; }
    if (ch === 'ё' && !(atStart || VOWELS_RU.includes(prev))) { out += 'yo'; continue; }
    if (ch in RU) out += RU[ch];
    else if (/[\s\-]/.test(ch)) out += ch;
    else return [];
  }
  const v = [out];
  if (/iy$/.test(out)) v.push(out.replace(/iy$/, 'y'));
  if (/yy$/.test(out)) v[0] = out.replace(/yy$/, 'y');
  if (/ey$/.test(out)) v.push(out.replace(/ey$/, 'ei'));
  return v.map(finish).filter(Boolean);
}

function ukrainian(name) {
  const lower = name.toLowerCase();
  let out = '';
  for (let i = 0; i < lower.length; i++) {
    const ch = lower[i];
    const atStart = i === 0 || /[\s\-]/.test(lower[i - 1]);
    if (atStart && ch in UK_INITIAL) { out += UK_INITIAL[ch]; continue; }
    if (ch === 'г' && i && lower[i - 1] === 'з') { out += 'gh'; continue; }
    if (ch in UK) out += UK[ch];
    else if (/[\s\-]/.test(ch)) out += ch;
    else return [];
  }
  return [finish(out)].filter(Boolean);
}

function macedonian(name) {
  let out = '';
  for (const ch of name.toLowerCase()) {
    if (ch in MK) out += MK[ch];
    else if (/[\s\-]/.test(ch)) out += ch;
    else return [];
  }
  return [finish(out)].filter(Boolean);
}

const EL = {
  α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l', μ: 'm', ν: 'n',
  ξ: 'x', ο: 'o', π: 'p', ρ: 'r', σ: 's', ς: 's', τ: 't', υ: 'y', φ: 'f', χ: 'ch', ψ: 'ps', ω: 'o',
};
function greek(name) {
  let s = name.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
  s = s
    .replace(/ου/g, 'ou').replace(/αι/g, 'ai').replace(/ει/g, 'ei').replace(/οι/g, 'oi')
    .replace(/αυ(?=[θκξπσςτφχψ]|$)/g, 'af').replace(/ευ(?=[θκξπσςτφχψ]|$)/g, 'ef')
    .replace(/αυ/g, 'av').replace(/ευ/g, 'ev')
    .replace(/(^|\s)μπ/g, '$1b').replace(/μπ/g, 'mp')
    .replace(/(^|\s)ντ/g, '$1d').replace(/ντ/g, 'nt')
    .replace(/(^|\s)γκ/g, '$1g').replace(/γγ/g, 'ng').replace(/γκ/g, 'nk');
  let out = '';
  for (const ch of s) {
    if (ch in EL) out += EL[ch];
    else if (/[a-z\s\-]/.test(ch)) out += ch;
    else return [];
  }
  return [finish(out)].filter(Boolean);
}

const KA = {
  ა: 'a', ბ: 'b', გ: 'g', დ: 'd', ე: 'e', ვ: 'v', ზ: 'z', თ: 't', ი: 'i', კ: 'k', ლ: 'l', მ: 'm', ნ: 'n',
  ო: 'o', პ: 'p', ჟ: 'zh', რ: 'r', ს: 's', ტ: 't', უ: 'u', ფ: 'p', ქ: 'k', ღ: 'gh', ყ: 'q', შ: 'sh',
  ჩ: 'ch', ც: 'ts', ძ: 'dz', წ: 'ts', ჭ: 'ch', ხ: 'kh', ჯ: 'j', ჰ: 'h',
};
function georgian(name) {
  let out = '';
  for (const ch of name) {
    if (ch in KA) out += KA[ch];
    else if (/[\s\-]/.test(ch)) out += ch;
    else return [];
  }
  return [finish(out)].filter(Boolean);
}

const HY = {
  ա: 'a', բ: 'b', գ: 'g', դ: 'd', ե: 'e', զ: 'z', է: 'e', ը: 'y', թ: 't', ժ: 'zh', ի: 'i', լ: 'l', խ: 'kh',
  ծ: 'ts', կ: 'k', հ: 'h', ձ: 'dz', ղ: 'gh', ճ: 'ch', մ: 'm', յ: 'y', ն: 'n', շ: 'sh', ո: 'o', չ: 'ch',
  պ: 'p', ջ: 'j', ռ: 'r', ս: 's', վ: 'v', տ: 't', ր: 'r', ց: 'ts', ւ: 'v', փ: 'p', ք: 'k', օ: 'o', ֆ: 'f',
  և: 'ev',
};
function armenian(name) {
  const s = name.toLowerCase().replace(/ու/g, 'u');
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const atStart = i === 0 || /[\s\-]/.test(s[i - 1]);
    if (atStart && ch === 'ե') { out += 'ye'; continue; }
    if (atStart && ch === 'ո') { out += 'vo'; continue; }
    if (ch === 'u') out += 'u';
    else if (ch in HY) out += HY[ch];
    else if (/[\s\-]/.test(ch)) out += ch;
    else return [];
  }
  return [finish(out)].filter(Boolean);
}

module.exports = { russian, ukrainian, macedonian, greek, georgian, armenian };
