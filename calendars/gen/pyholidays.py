#!/usr/bin/env python3
"""Regenerate calendars/data/pyholidays/ from the Python `holidays` package.

The calendar's 61 hand-kept regions (data/regions.yaml: rickar/cal and
data/days.yaml) are left alone; every other country `holidays` knows gets
its public days (category "public") and its listed observances ("optional",
"workday") for FIRST..LAST, with English names (en_US, or the default when a
country has no English) and local names (the country's default language).

Source: holidays (vacanza/holidays), MIT licence, the version named in
data/pyholidays/index.json; notice in data/pyholidays/LICENSE.holidays.
Zones and country names: the IANA time zone database's zone.tab and
iso3166.tab (public domain), read from ZONEINFO_TAB (default
/usr/share/zoneinfo).

Run from the repository root, with holidays installed
(pip install holidays==0.101) or on PYTHONPATH:

    python3 calendars/gen/pyholidays.py

The Go side reads the output lazily (calendars/generated.go); run
`go test -count=1 ./calendars` afterwards.
"""

import json
import os
import re
import sys

import holidays
from holidays.registry import COUNTRIES

FIRST, LAST = 2015, 2040
OUT = os.path.join("calendars", "data", "pyholidays")
REGIONS_YAML = os.path.join("calendars", "data", "regions.yaml")
TAB = os.environ.get("ZONEINFO_TAB", "/usr/share/zoneinfo")
# Categories kept, and the kind each becomes.
CATEGORIES = {"public": "p", "optional": "o", "workday": "w"}
# zone.tab has no line for these codes; the zone their capital keeps.
EXTRA_ZONES = {"XK": ["Europe/Belgrade"]}


def existing_regions():
    with open(REGIONS_YAML, encoding="utf-8") as f:
        return {m.group(1) for m in re.finditer(r"^([A-Z]{2}):", f.read(), re.M)}


def zones_by_country():
    zones = {}
    with open(os.path.join(TAB, "zone.tab"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            zones.setdefault(cols[0], []).append(cols[2])
    names = {}
    with open(os.path.join(TAB, "iso3166.tab"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            code, name = line.rstrip("\n").split("\t", 1)
            names[code] = name
    return zones, names


OBSERVED = re.compile(r"\s*\((observed|estimated|observed, estimated)\)$")
PAREN = re.compile(r"\s*\([^()]*\)$")


def load(code, year, cat, lang):
    try:
        return holidays.country_holidays(code, years=year, categories=(cat,), language=lang,
                                         islamic_show_estimated=False)
    except TypeError:
        return holidays.country_holidays(code, years=year, categories=(cat,), language=lang)


def country_days(code):
    probe = holidays.country_holidays(code)
    langs = probe.supported_languages or ()
    en_lang = "en_US" if "en_US" in langs else None
    local_lang = probe.default_language
    cats = [c for c in CATEGORIES if c in probe.supported_categories]
    # One date may carry several days, joined with "; " in each language's
    # own sort order: pair English and local names from the dates that
    # carry one day, and use that pairing for the others.
    rows, local_of = [], {}
    for cat in cats:
        for y in range(FIRST, LAST + 1):
            en = load(code, y, cat, en_lang)
            loc = load(code, y, cat, local_lang)
            for d in sorted(en):
                ens = en[d].split("; ")
                locs = loc.get(d, en[d]).split("; ")
                if len(ens) == 1 and len(locs) == 1 and "(observed" not in ens[0]:
                    local_of.setdefault(ens[0], locs[0])
                rows.append((cat, d, ens))
    names, index, days = [], {}, {}
    for cat, d, ens in rows:
        for e in ens:
            observed = 1 if "(observed" in e else 0
            base = OBSERVED.sub("", e).strip()
            l = local_of.get(base, "")
            if l == base:
                l = ""
            key = (base, l, CATEGORIES[cat], observed)
            if key not in index:
                index[key] = len(names)
                names.append(list(key))
            days.setdefault(str(d.year), []).append("%02d%02d:%d" % (d.month, d.day, index[key]))
    return {"names": names, "days": {y: " ".join(sorted(v)) for y, v in sorted(days.items())}}


def main():
    have = existing_regions()
    zones, iso = zones_by_country()
    os.makedirs(OUT, exist_ok=True)
    index = {}
    for _, entry in sorted(COUNTRIES.items(), key=lambda kv: kv[1][1]):
        cls_name, code = entry[0], entry[1]
        if code in have:
            continue
        z = zones.get(code) or EXTRA_ZONES.get(code)
        if not z:
            print("skip %s: no zone in zone.tab" % code, file=sys.stderr)
            continue
        data = country_days(code)
        if not data["days"]:
            print("skip %s: no days" % code, file=sys.stderr)
            continue
        with open(os.path.join(OUT, code + ".json"), "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
            f.write("\n")
        index[code] = {"name": iso.get(code, re.sub(r"(?<!^)(?=[A-Z])", " ", cls_name)), "zones": z}
    with open(os.path.join(OUT, "index.json"), "w", encoding="utf-8") as f:
        json.dump({"source": "holidays %s (MIT)" % holidays.__version__, "first": FIRST, "last": LAST,
                   "regions": index}, f, ensure_ascii=False, indent=1, sort_keys=True)
        f.write("\n")
    print("%d countries" % len(index), file=sys.stderr)


if __name__ == "__main__":
    main()
