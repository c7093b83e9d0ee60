# ndtest.py — helpers shared by the Python tests (test-crash.py,
# test-hostile.py): TAP output, running newsdesk-cli, generated articles
# and a snapshot of everything a desk holds, to compare two desks.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import random
import sqlite3
import subprocess
import sys

CLI = os.environ.get("NEWSDESK_CLI")
SAMPLES = os.environ.get("ND_SAMPLES_DIR")


class Tap:
    """TAP output: one line per check; a failed check is reported, the test
    goes on, and the exit status says whether everything passed."""

    def __init__(self):
        self.count = 0
        self.failed = 0

    def ok(self, passed, name, details=None):
        self.count += 1
        if passed:
            print(f"ok {self.count} - {name}", flush=True)
        else:
            self.failed += 1
            print(f"not ok {self.count} - {name}", flush=True)
            for line in str(details or "").splitlines()[:40]:
                print(f"#   {line}", flush=True)
        return passed

    def skip(self, name, reason):
        self.count += 1
        print(f"ok {self.count} - {name} # SKIP {reason}", flush=True)

    def note(self, text):
        for line in str(text).splitlines():
            print(f"# {line}", flush=True)

    def bail(self, reason):
        print(f"Bail out! {reason}", flush=True)
        sys.exit(1)

    def done(self):
        print(f"1..{self.count}", flush=True)
        sys.exit(1 if self.failed else 0)


def cli(db, *args, env=None, **kwargs):
    """Runs newsdesk-cli on the desk `db`: (status, stdout, stderr)"""
    full_env = dict(os.environ)
    full_env.pop("NEWSDESK_DB", None)
    full_env["LANGUAGE"] = "en"
    full_env["LC_ALL"] = "C.UTF-8"
    if env:
        full_env.update(env)
    result = subprocess.run([CLI, "--database", db, *args], capture_output=True,
                            env=full_env, **kwargs)
    return (result.returncode,
            result.stdout.decode("utf-8", "replace"),
            result.stderr.decode("utf-8", "replace"))


def read_samples():
    """The sample articles as (title line, [body lines])"""
    samples = []
    for name in sorted(os.listdir(SAMPLES)):
        if not name.endswith(".txt"):
            continue
        with open(os.path.join(SAMPLES, name), encoding="utf-8") as f:
            lines = [line.rstrip("\n") for line in f]
        lines = [line for line in lines if line.strip()]
        samples.append((lines[0], lines[1:]))
    if not samples:
        raise RuntimeError(f"no sample articles in {SAMPLES}")
    return samples


CITIES = ["Cairo", "Doha", "Amman", "Paris", "Berlin", "Geneva", "Vienna",
          "Ankara", "Riyadh", "Tokyo", "Nairobi", "Madrid"]
PEOPLE = ["Antony Blinken", "Mitch Witkoff", "Emmanuel Macron", "Olaf Scholz",
          "Recep Tayyip Erdogan", "Ursula von der Leyen"]


def make_articles(directory, count, rng, json_every=8):
    """Writes `count` article files varied from the samples: plain text, and
    every `json_every`-th a NewsDesk JSON document with tags. Returns
    {file name: tags it carries}."""
    samples = read_samples()
    os.makedirs(directory, exist_ok=True)
    files = {}
    for i in range(count):
        title, body = samples[i % len(samples)]
        body = list(body)
        # a unique paragraph (so that no two files are duplicates) naming
        # people and places, so that entities and stops exist
        city = rng.choice(CITIES)
        person = rng.choice(PEOPLE)
        unique = (f"Dispatch {i}: {person} travelled to {city} on Monday "
                  f"for talks with officials, report {rng.randrange(10**9)}.")
        if rng.random() < 0.3 and len(body) > 3:
            # drop a paragraph, for variety in size
            del body[rng.randrange(1, len(body))]
        body.insert(rng.randrange(len(body) + 1), unique)
        if i % json_every == json_every - 1:
            tags = sorted({f"topic-{i % 7}", rng.choice(["crash test", "Gaza", "envoys", "O'Brien \"quoted\""])})
            document = {
                "format": "newsdesk",
                "version": 1,
                "articles": [{
                    "title": f"{title} ({i})",
                    "body": "\n".join(body),
                    "tags": tags,
                    "starred": bool(i % 2),
                }],
            }
            name = f"article-{i:05d}.json"
            with open(os.path.join(directory, name), "w", encoding="utf-8") as f:
                json.dump(document, f, ensure_ascii=False)
            files[name] = tags
        else:
            name = f"article-{i:05d}.txt"
            with open(os.path.join(directory, name), "w", encoding="utf-8") as f:
                f.write(title + "\n\n" + "\n\n".join(body) + "\n")
            files[name] = []
    return files


def _varint(data, pos):
    value = shift = 0
    while True:
        b = data[pos]
        pos += 1
        value |= (b & 0x7f) << shift
        shift += 7
        if not b & 0x80:
            return value, pos


def _unzigzag(v):
    return (v >> 1) ^ -(v & 1)


def unpack_mentions(data, body):
    """An article's mentions as the desk packs them in article_mentions
    (schema 10; the format is described in nd-database.c, above
    pack_mention()): [(entity_id, start, end, text)] in their order, the
    text from the body when the mention has none of its own"""
    mentions = []
    pos = entity = start = 0
    data = bytes(data)
    while pos < len(data):
        v, pos = _varint(data, pos)
        entity += _unzigzag(v)
        v, pos = _varint(data, pos)
        start += _unzigzag(v)
        span, pos = _varint(data, pos)
        end = start + _unzigzag(span >> 1)
        if span & 1:
            n, pos = _varint(data, pos)
            text = data[pos:pos + n].decode("utf-8")
            pos += n
        else:
            if end > len(body):
                raise ValueError(f"mention {start}-{end} past a body of {len(body)} characters")
            text = body[start:end]
        mentions.append((entity, start, end, text))
    return mentions


def mentions_json(data, body):
    """unpack_mentions() as a JSON array, for SQL (json_each) on a
    connection that registers it: conn.create_function("nd_mentions", 2,
    ndtest.mentions_json)"""
    return json.dumps(unpack_mentions(data, body))


def connect(db):
    """A read-only connection that never creates or changes the file"""
    return sqlite3.connect(f"file:{db}?mode=ro", uri=True)


def integrity(db):
    with connect(db) as conn:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
        fk = conn.execute("PRAGMA foreign_key_check").fetchall()
    conn.close()
    result = "\n".join(str(r[0]) for r in rows)
    if fk:
        result += f"\nforeign key violations: {fk[:5]}"
    return result


def snapshot(db):
    """{source: everything the desk holds about that article, without ids
    and dates that differ between two imports}"""
    conn = connect(db)
    articles = {}
    rows = conn.execute("SELECT id, source, title, body, published, read, starred FROM articles").fetchall()
    by_id = {}
    for aid, source, title, body, published, read, starred in rows:
        entry = {
            "id": aid, "title": title, "body": body, "published": published,
            "read": read, "starred": starred,
            "tags": [], "entities": [], "mentions": [], "stops": [],
        }
        by_id[aid] = entry
        if source in articles:
            entry["duplicate_source"] = True
        articles[source] = entry
    for aid, name in conn.execute(
            "SELECT at.article_id, t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id"):
        by_id[aid]["tags"].append(name)
    for aid, kind, name, country, lat, lon, value, position, role in conn.execute(
            "SELECT ae.article_id, e.kind, e.name, e.country, e.lat, e.lon, e.value, ae.position, ae.role "
            "FROM article_entities ae JOIN entities e ON e.id = ae.entity_id"):
        by_id[aid]["entities"].append((position, kind, name, country, lat, lon, value, role))
    entities = {eid: (kind, name) for eid, kind, name in conn.execute("SELECT id, kind, name FROM entities")}
    for aid, data, body in conn.execute(
            "SELECT m.article_id, m.data, a.body FROM article_mentions m JOIN articles a ON a.id = m.article_id"):
        for entity_id, start, end, text in unpack_mentions(data, body):
            if entity_id in entities:
                by_id[aid]["mentions"].append((*entities[entity_id], start, end, text))
    for aid, traveller, place, position, ordered, when_text, when_date, purpose, es, ee in conn.execute(
            "SELECT s.article_id, t.name, p.name, s.position, s.ordered, s.when_text, s.when_date, "
            "s.purpose, s.evidence_start, s.evidence_end "
            "FROM stops s JOIN entities t ON t.id = s.traveller_id JOIN entities p ON p.id = s.place_id"):
        by_id[aid]["stops"].append((traveller, place, position, ordered, when_text, when_date, purpose, es, ee))
    orphans = conn.execute(
        "SELECT (SELECT count(*) FROM article_tags WHERE article_id NOT IN (SELECT id FROM articles))"
        " + (SELECT count(*) FROM article_mentions WHERE article_id NOT IN (SELECT id FROM articles))"
        " + (SELECT count(*) FROM mention_variants WHERE article_id NOT IN (SELECT id FROM articles))"
        " + (SELECT count(*) FROM stops WHERE article_id NOT IN (SELECT id FROM articles))"
        " + (SELECT count(*) FROM article_entities WHERE article_id NOT IN (SELECT id FROM articles))"
        " + (SELECT count(*) FROM articles_fts_docsize WHERE id NOT IN (SELECT id FROM articles))"
        " + (SELECT count(*) FROM articles WHERE id NOT IN (SELECT id FROM articles_fts_docsize))"
    ).fetchone()[0]
    conn.close()
    for entry in articles.values():
        for key in ("tags", "entities", "mentions", "stops"):
            entry[key].sort(key=repr)
    return articles, orphans


def compare_article(got, want):
    """A description of how two snapshot entries differ, or None"""
    for key in ("title", "body", "published", "tags", "entities", "mentions", "stops"):
        if got.get(key) != want.get(key):
            return f"{key}: {str(got.get(key))[:200]} != {str(want.get(key))[:200]}"
    if got.get("duplicate_source"):
        return "stored twice"
    return None


def dump(db):
    """Everything in the desk as text (sqlite3's iterdump), to compare a
    desk before and after something that must not change it"""
    conn = connect(db)
    text = "\n".join(conn.iterdump())
    conn.close()
    return text


def new_rng(name):
    seed = os.environ.get("ND_TEST_SEED")
    seed = int(seed) if seed else random.SystemRandom().randrange(2**31)
    print(f"# {name}: random seed {seed} (rerun with ND_TEST_SEED={seed})", flush=True)
    return random.Random(seed)
