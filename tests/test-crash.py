#!/usr/bin/env python3
# Crash safety: newsdesk-cli killed with SIGKILL at random moments while it
# imports a folder of a few thousand articles, tags, untags, deletes and
# exports. After every kill the desk passes PRAGMA integrity_check, every
# article in it is exactly what a clean import of its file gives (body,
# tags, entities, mentions, stops), none is stored twice or in part, a
# rerun of the import completes the rest, and an export file is either
# the old one, byte for byte, or the complete new one.
#
# Environment (tests/meson.build): NEWSDESK_CLI, ND_SAMPLES_DIR; optional
# ND_TEST_SEED (the random seed, printed at the start) and ND_CRASH_FILES
# (how many articles, default 2000).
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ndtest  # noqa: E402

TRIALS = 20

# ND_DATABASE_SCHEMA_VERSION: a desk of an older version was being created
SCHEMA_VERSION = 10

# Each aspect of an article, as rows keyed by the article's source file, so
# that a desk can be compared with a reference desk whatever its ids.
ASPECTS = {
    "article": "SELECT a.source, a.title, a.body, a.published, a.read, a.starred FROM {s}articles a",
    "tags": "SELECT a.source, t.name FROM {s}articles a CROSS JOIN {s}article_tags x ON x.article_id = a.id "
            "CROSS JOIN {s}tags t ON t.id = x.tag_id",
    "entities": "SELECT a.source, x.position, e.kind, e.name, e.country, e.lat, e.lon, e.value, x.role "
                "FROM {s}articles a CROSS JOIN {s}article_entities x ON x.article_id = a.id "
                "CROSS JOIN {s}entities e ON e.id = x.entity_id",
    # (schema 10: an article's mentions packed in one row, unpacked by
    # nd_mentions(), which check_desk() registers)
    "mentions": "SELECT a.source, e.kind, e.name, json_extract (j.value, '$[1]'), json_extract (j.value, '$[2]'), "
                "json_extract (j.value, '$[3]') FROM {s}articles a "
                "CROSS JOIN {s}article_mentions m ON m.article_id = a.id "
                "CROSS JOIN json_each (nd_mentions (m.data, a.body)) j "
                "CROSS JOIN {s}entities e ON e.id = json_extract (j.value, '$[0]')",
    "stops": "SELECT a.source, t.name, p.name, x.position, x.ordered, x.when_text, x.when_date, x.purpose, "
             "x.evidence_start, x.evidence_end FROM {s}articles a CROSS JOIN {s}stops x ON x.article_id = a.id "
             "CROSS JOIN {s}entities t ON t.id = x.traveller_id CROSS JOIN {s}entities p ON p.id = x.place_id",
}

# The rows of each aspect, for a quicker check: an article deleted in part
# (some of its rows gone, its row left) changes a count
COUNTS = {
    "entities": "article_entities",
    "mentions": "article_mentions",
    "stops": "stops",
    "tags": "article_tags",
}

tap = ndtest.Tap()


def check_desk(db, ref, aspects=ASPECTS, full=True):
    """Problems found comparing desk `db` with the clean reference desk `ref`
    (a list of strings, empty when every article in `db` is whole): row by
    row when `full`, else by counting each article's rows"""
    problems = []
    if not os.path.exists(db):
        return problems  # killed before the desk was created
    conn = sqlite3.connect(db)  # as the app opens it: recovers the WAL
    conn.create_function("nd_mentions", 2, ndtest.mentions_json, deterministic=True)
    try:
        result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if result != ["ok"]:
            problems.append(f"integrity_check: {result[:5]}")
            return problems
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version < SCHEMA_VERSION:
            # killed while the desk was being created: each schema step is
            # one transaction, so it has the tables of a version and no data
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if (version == 0 and tables) or (version > 0 and "articles" not in tables):
                problems.append(f"schema version {version} with tables {sorted(tables)}")
            elif "articles" in tables and conn.execute("SELECT count(*) FROM articles").fetchone()[0]:
                problems.append(f"articles in a desk of schema version {version}")
            return problems
        if conn.execute("PRAGMA foreign_key_check").fetchall():
            problems.append("foreign key violations")
        conn.execute("ATTACH ? AS ref", (f"file:{ref}?mode=ro",))
        twice = conn.execute("SELECT source, count(*) FROM articles GROUP BY source HAVING count(*) > 1").fetchall()
        if twice:
            problems.append(f"stored twice: {twice[:5]}")
        empty = conn.execute("SELECT count(*) FROM articles WHERE length(body) = 0").fetchone()[0]
        if empty:
            problems.append(f"{empty} articles without a body")
        unfts = conn.execute(
            "SELECT count(*) FROM articles WHERE id NOT IN (SELECT id FROM articles_fts_docsize)").fetchone()[0]
        unfts += conn.execute(
            "SELECT count(*) FROM articles_fts_docsize WHERE id NOT IN (SELECT id FROM articles)").fetchone()[0]
        if unfts:
            problems.append(f"{unfts} articles out of step with the search index")
        if not full:
            for name, table in COUNTS.items():
                if name not in aspects:
                    continue
                here = conn.execute(f"SELECT count(*) FROM main.{table}").fetchone()[0]
                there = conn.execute(
                    f"SELECT count(*) FROM ref.{table} x JOIN ref.articles a ON a.id = x.article_id "
                    f"WHERE a.source IN (SELECT source FROM main.articles)").fetchone()[0]
                if here != there:
                    problems.append(f"{name}: {here} rows, a clean import of these articles has {there}")
            aspects = {}
        for name, sql in aspects.items():
            here = sql.format(s="main.")
            there = sql.format(s="ref.")
            extra = conn.execute(f"SELECT * FROM ({here} EXCEPT {there}) LIMIT 3").fetchall()
            missing = conn.execute(
                f"SELECT * FROM ({there}) WHERE source IN (SELECT source FROM main.articles) "
                f"EXCEPT {here} LIMIT 3").fetchall()
            if extra:
                problems.append(f"{name} not as a clean import: {str(extra)[:300]}")
            if missing:
                problems.append(f"{name} missing: {str(missing)[:300]}")
    finally:
        conn.close()
    return problems


def count(db, sql="SELECT count(*) FROM articles"):
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            return conn.execute(sql).fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def count_mentions(db):
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return sum(len(ndtest.unpack_mentions(data, body)) for data, body in conn.execute(
            "SELECT m.data, a.body FROM article_mentions m JOIN articles a ON a.id = m.article_id"))
    finally:
        conn.close()


def run_killed(args, delay=None, db=None, new_rows=None, rng=None):
    """Starts newsdesk-cli and kills it with SIGKILL: after `delay` seconds,
    or (with `db`) soon after `new_rows` more articles are in the desk.
    Returns True when it was killed (False: it finished first)."""
    env = dict(os.environ)
    env.pop("NEWSDESK_DB", None)
    proc = subprocess.Popen([ndtest.CLI, *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env=env)
    if delay is not None:
        try:
            proc.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            pass
    else:
        start = count(db)
        while proc.poll() is None and count(db) < start + new_rows:
            time.sleep(0.005)
        time.sleep(rng.uniform(0, 0.02))
    killed = proc.poll() is None
    if killed:
        proc.send_signal(signal.SIGKILL)
    proc.wait()
    return killed


def timed(args):
    start = time.monotonic()
    status, out, err = ndtest.cli(*args)
    return time.monotonic() - start, status, out, err


def main():
    if not ndtest.CLI or not ndtest.SAMPLES:
        tap.bail("NEWSDESK_CLI and ND_SAMPLES_DIR must be set")

    rng = ndtest.new_rng("test-crash")
    started = time.monotonic()
    n_files = int(os.environ.get("ND_CRASH_FILES", "2000"))

    with tempfile.TemporaryDirectory(prefix="newsdesk-crash-") as tmp:
        folder = os.path.join(tmp, "articles")
        files = ndtest.make_articles(folder, n_files, rng)
        ref = os.path.join(tmp, "reference.db")
        db = os.path.join(tmp, "desk.db")

        # the reference: a clean import of the same files
        status, out, err = ndtest.cli(ref, "import", folder)
        imported = [line for line in out.splitlines() if line.startswith("imported\t")]
        tap.ok(status == 0 and len(imported) == n_files and count(ref) == n_files,
               f"a clean import stores all {n_files} files", f"status {status}, {len(imported)} imported\n{err}")
        n_tagged = count(ref, "SELECT count(DISTINCT article_id) FROM article_tags")
        n_stops = count(ref, "SELECT count(*) FROM stops")
        tap.note(f"reference desk: {n_files} articles, {n_tagged} with tags, {n_stops} stops, "
                 f"{count_mentions(ref)} mentions")
        if n_tagged == 0 or n_stops == 0:
            tap.bail("the generated articles have no tags or no stops: nothing to check")

        # Import, killed: some trials at a random time from the start (the
        # desk being created, opened, migrated), the others soon after a
        # random number of new articles are in.
        killed_while_writing = 0
        tap.note(f"{time.monotonic() - started:.1f} s: files written, reference imported")
        for trial in range(TRIALS):
            before = count(db)
            if trial % 4 == 0:
                killed = run_killed(["--database", db, "import", folder], delay=rng.uniform(0, 0.4))
            else:
                killed = run_killed(["--database", db, "import", folder], db=db,
                                    new_rows=rng.randint(1, 40), rng=rng)
            after = count(db)
            if after > before:
                killed_while_writing += 1
            problems = check_desk(db, ref)
            tap.ok(not problems and killed,
                   f"import killed at random (trial {trial + 1}): desk sound, {after} whole articles",
                   "\n".join(problems) if problems else "the import finished before the kill")
        tap.ok(killed_while_writing >= TRIALS // 2,
               f"the kills fell while articles were being written ({killed_while_writing} of {TRIALS})")

        tap.note(f"{time.monotonic() - started:.1f} s: import trials done")
        status, out, err = ndtest.cli(db, "import", folder)
        lines = [line.split("\t")[0] for line in out.splitlines()]
        problems = check_desk(db, ref)
        tap.ok(status == 0 and len(lines) == n_files and not problems and count(db) == n_files,
               f"a rerun of the import completes the rest: {count(db)} articles, no duplicates",
               f"status {status}, {len(lines)} lines\n{err}\n" + "\n".join(problems))
        tap.ok(lines.count("duplicate") == count(db) - lines.count("imported"),
               "the rerun reports the files already in as duplicates")

        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        ids = [r[0] for r in conn.execute("SELECT id FROM articles")]
        conn.close()

        tap.note(f"{time.monotonic() - started:.1f} s: import completed")
        # Delete, killed: 30 articles at a time, all or none
        duration, status, _, err = timed([db, "delete", *map(str, rng.sample(ids, 30))])
        tap.ok(status == 0, "delete of 30 articles", err)
        # every trial may delete its articles (the kill may come after the
        # commit): a small desk (ND_CRASH_FILES) deletes fewer at a time,
        # so that the trials never run out of articles
        size = min(30, (len(ids) - 30) // (TRIALS + 1))
        for trial in range(TRIALS):
            conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
            present = {r[0] for r in conn.execute("SELECT id FROM articles")}
            conn.close()
            victims = rng.sample(sorted(present), size)
            killed = run_killed(["--database", db, "delete", *map(str, victims)],
                                delay=rng.uniform(0, duration * 1.2))
            conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
            left = {r[0] for r in conn.execute("SELECT id FROM articles")}
            conn.close()
            problems = check_desk(db, ref, full=False)
            whole = left == present or left == present - set(victims)
            tap.ok(whole and not problems,
                   f"delete killed at random (trial {trial + 1}, {'killed' if killed else 'finished'}): "
                   f"{'none' if left == present else 'all'} of {size} deleted, the rest whole",
                   "\n".join(problems) + f"\n{len(present - left)} of {size} deleted")

        tap.note(f"{time.monotonic() - started:.1f} s: delete trials done")
        # Tag and untag, killed: 200 tags at a time (with quotes, SQL and
        # markup), all or none
        def tag_rows():
            c = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
            rows = set(c.execute(ASPECTS["tags"].format(s="")))
            c.close()
            return rows

        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        ids = [r[0] for r in conn.execute("SELECT id FROM articles")]
        sources = dict(conn.execute("SELECT id, source FROM articles"))
        conn.close()
        tags = [f"kill-{i} \"q\" '); DROP TABLE tags; -- <b>x</b>" for i in range(200)]
        duration, status, _, err = timed([db, "tag", str(ids[0]), *tags])
        tap.ok(status == 0, "tag with 200 tags", err)
        for trial in range(TRIALS):
            article = rng.choice(ids)
            add = trial % 2 == 0
            if not add:
                # untag: first give it the tags, unkilled
                ndtest.cli(db, "tag", str(article), *tags)
            before = tag_rows()
            killed = run_killed(["--database", db, "tag" if add else "untag", str(article), *tags],
                                delay=rng.uniform(0, duration * 1.2))
            after = tag_rows()
            changed = {(sources[article], t) for t in tags}
            expected = (before | changed) if add else (before - changed)
            problems = check_desk(db, ref, {k: v for k, v in ASPECTS.items() if k != "tags"}, full=False)
            tap.ok((after == before or after == expected) and not problems,
                   f"{'tag' if add else 'untag'} killed at random (trial {trial + 1}, "
                   f"{'killed' if killed else 'finished'}): "
                   f"{'unchanged' if after == before else 'all 200 tags ' + ('added' if add else 'removed')}",
                   "\n".join(problems) + f"\n{len(after ^ before)} tag rows changed")

        tap.note(f"{time.monotonic() - started:.1f} s: tag trials done")
        # Export, killed: the old file stays byte for byte, or the new one
        # is complete
        out_file = os.path.join(tmp, "export.json")
        selection = ",".join(map(str, rng.sample(ids, min(400, len(ids)))))
        n_selected = len(selection.split(","))
        status, _, err = ndtest.cli(db, "export", "--ids", ",".join(map(str, ids[:3])), "-o", out_file)
        with open(out_file, "rb") as f:
            old = f.read()
        duration, status, _, err = timed([db, "export", "--ids", selection, "-o", os.path.join(tmp, "full.json")])
        tap.ok(status == 0, f"export of {n_selected} articles", err)
        outcomes = {"old": 0, "new": 0}
        for trial in range(TRIALS):
            with open(out_file, "wb") as f:
                f.write(old)
            # half the kills aim at the end, where the file is written
            delay = rng.uniform(0, duration * 1.1) if trial % 2 else rng.uniform(duration * 0.7, duration * 1.1)
            killed = run_killed(["--database", db, "export", "--ids", selection, "-o", out_file], delay=delay)
            with open(out_file, "rb") as f:
                data = f.read()
            if data == old:
                outcomes["old"] += 1
                good, what = True, "the old file, intact"
            else:
                try:
                    document = json.loads(data)
                    good = len(document["articles"]) == n_selected
                    what = f"the new file, complete ({len(document['articles'])} articles)"
                    outcomes["new"] += 1
                except (ValueError, KeyError) as e:
                    good, what = False, f"a broken file ({len(data)} bytes): {e}"
            tap.ok(good, f"export killed at random (trial {trial + 1}, {'killed' if killed else 'finished'}): {what}")
        tap.note(f"export outcomes: {outcomes}; {time.monotonic() - started:.1f} s in all")
        problems = check_desk(db, ref, {k: v for k, v in ASPECTS.items() if k != "tags"})
        tap.ok(not problems, "the desk is sound after all the kills", "\n".join(problems))

    tap.done()


if __name__ == "__main__":
    main()
