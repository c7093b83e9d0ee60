#!/usr/bin/env python3
# Hostile and broken input, through newsdesk-cli: each bad file gets one
# clear line on stderr naming it and saying the problem, and leaves the desk
# exactly as it was (a dump of it before and after is the same); the odd
# but good ones (UTF-16, huge lines, strange names, tags full of quotes, SQL
# and markup) are imported and shown verbatim. Then the desk itself: not a
# database, read-only, busy, from a newer NewsDesk, on a full disk.
#
# Environment (tests/meson.build): NEWSDESK_CLI, ND_SAMPLES_DIR.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import random
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ndtest  # noqa: E402

tap = ndtest.Tap()
cli = ndtest.cli

# A hang is a failure too: no case may take longer than this (it is not a
# speed test; the slowest case takes a few seconds on a slow machine)
HANG = 600


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def refused(db, path, problem, name, *, arg=None):
    """Imports `path`: it must be refused with one line on stderr naming it
    and containing `problem`, exit status 1, and no change to the desk"""
    before = ndtest.dump(db)
    status, out, err = cli(db, "import", arg or path, timeout=HANG)
    lines = err.splitlines()
    after = ndtest.dump(db)
    shown = arg or path
    good = (status == 1 and out == "" and len(lines) == 1 and
            lines[0].startswith(shown + ": ") and problem in lines[0] and after == before)
    tap.ok(good, f"{name}: “{problem}”, desk unchanged",
           f"status {status}\nstdout: {out}\nstderr: {err}\ndesk changed: {after != before}")
    return good


def imported(db, path, name, arg=None):
    """Imports `path`: it must go in as one new article; returns its id"""
    count = article_count(db)
    status, out, err = cli(db, "import", arg or path, timeout=HANG)
    lines = out.splitlines()
    fields = lines[0].split("\t") if len(lines) == 1 else []
    good = (status == 0 and err == "" and len(fields) == 3 and fields[0] == "imported" and
            fields[1] == (arg or path) and article_count(db) == count + 1)
    tap.ok(good, f"{name}: imported", f"status {status}\nstdout: {out[:500]}\nstderr: {err}")
    return int(fields[2]) if good else None


def article_count(db):
    conn = ndtest.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        conn.close()


def show(db, article_id):
    status, out, err = cli(db, "show", str(article_id), "--json")
    if status != 0:
        return None
    return json.loads(out)["articles"][0]


def main():
    if not ndtest.CLI or not ndtest.SAMPLES:
        tap.bail("NEWSDESK_CLI and ND_SAMPLES_DIR must be set")
    rng = ndtest.new_rng("test-hostile")

    tmp = tempfile.mkdtemp(prefix="newsdesk-hostile-")
    try:
        run(tmp, rng)
    finally:
        for root, dirs, _ in os.walk(tmp):
            for d in dirs:
                os.chmod(os.path.join(root, d), 0o755)
        shutil.rmtree(tmp, ignore_errors=True)
    tap.done()


def run(tmp, rng):
    db = os.path.join(tmp, "desk", "desk.db")
    status, out, err = cli(db, "import", ndtest.SAMPLES)
    if status != 0:
        tap.bail(f"the samples do not import: {err}")
    cli(db, "tag", "1", "samples")
    files = os.path.join(tmp, "in")

    # Bad files: refused, desk unchanged
    refused(db, write(f"{files}/empty.txt", b""), "is empty", "an empty file")
    refused(db, write(f"{files}/blank.txt", b" \n\n\t \n"), "is empty", "a file of white space")
    refused(db, write(f"{files}/photo.jpg", bytes(rng.randrange(256) for _ in range(4096)) + b"\0\0"),
            "binary", "a binary file")
    refused(db, write(f"{files}/latin.txt", b"Caf\x81 \x8d\x8f\x90\x9d and \xc3 broken \xff\xfe\xfd text\n" * 20),
            "not UTF-8", "invalid UTF-8")
    big = f"{files}/big.txt"
    with open(big, "wb") as f:
        line = b"The envoy travelled to Cairo for talks on Monday.\n"
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            f.write(line)
    refused(db, big, "larger than 10 MB", "a 50 MB file")
    os.unlink(big)
    refused(db, write(f"{files}/deep.json", "[" * 100000), "nested more than 500 levels deep",
            "JSON nested 100,000 levels deep")
    refused(db, write(f"{files}/deep-object.json", '{"a":' * 100000), "nested more than 500 levels deep",
            "JSON objects nested 100,000 levels deep")
    refused(db, write(f"{files}/cut.json",
                      '{"format": "newsdesk", "version": 1, "articles": [{"title": "Talks", "body": "The en'),
            "is not valid JSON", "truncated JSON")
    refused(db, write(f"{files}/types.json",
                      '{"format": "newsdesk", "version": 1, "articles": [{"title": "Talks", "body": 42}]}'),
            "“articles[0].body” is not a string", "a NewsDesk document with a number for a body")
    refused(db, write(f"{files}/tags.json",
                      '{"format": "newsdesk", "version": 1, "articles": [{"body": "Talks.", "tags": "a,b"}]}'),
            "tags", "a NewsDesk document with a string for its tags")
    refused(db, write(f"{files}/articles.json", '{"format": "newsdesk", "version": 1, "articles": {}}'),
            "articles", "a NewsDesk document whose articles are not a list")
    refused(db, write(f"{files}/version.json", '{"format": "newsdesk", "version": "1", "articles": []}'),
            "version", "a NewsDesk document with a string for its version")
    refused(db, write(f"{files}/future.json", '{"format": "newsdesk", "version": 99, "articles": []}'),
            "was written by a newer NewsDesk (format version 99)", "a NewsDesk document from the future")
    refused(db, write(f"{files}/other.json", '{"name": "not ours", "items": [1, 2, 3]}'),
            "not a NewsDesk document", "JSON that is not a NewsDesk document")
    refused(db, os.path.join(files, "missing.txt"), "no such file", "a file that does not exist")

    secret = write(f"{files}/secret.txt", "Private notes\n\nThe envoy met officials in Doha.\n")
    os.chmod(secret, 0)
    if os.access(secret, os.R_OK):
        tap.skip("an unreadable file", "running as root: a file with mode 000 can be read")
    else:
        refused(db, secret, "permission denied", "an unreadable file")
    os.chmod(secret, 0o644)
    os.unlink(secret)

    # A folder with symbolic links that loop: its one article goes in once,
    # each loop is named
    loop = os.path.join(tmp, "loops", "loop")
    write(f"{loop}/a.txt", "Envoy in Amman\n\nThe envoy arrived in Amman on Tuesday for a day of talks.\n")
    os.symlink(".", f"{loop}/again")
    os.symlink("..", f"{loop}/up")
    os.symlink("self", f"{loop}/self")
    count = article_count(db)
    status, out, err = cli(db, "import", loop, timeout=HANG)
    tap.ok(status == 1 and out.splitlines() == [f"imported\t{loop}/a.txt\t{count + 1}"] and
           err.splitlines() == [f"{loop}/self: cannot be read: it is a symbolic link that loops or points nowhere"]
           and article_count(db) == count + 1,
           "a folder with symbolic link loops: its article imported once, the loop named",
           f"status {status}\nstdout: {out}\nstderr: {err}")

    # Odd but good files
    text = "Talks in Cairo resume\n\nThe envoy travelled to Cairo on Monday. Café owners cheered.\n"
    for encoding, bom in (("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")):
        path = write(f"{files}/{encoding}.txt", bom + text.replace("Cairo resume", f"Cairo resume ({encoding})")
                     .encode(encoding))
        article_id = imported(db, path, f"UTF-16 with a byte order mark ({encoding})")
        article = show(db, article_id) if article_id else None
        tap.ok(article is not None and article["title"] == f"Talks in Cairo resume ({encoding})" and
               "Café owners cheered." in article["body"],
               f"UTF-16 ({encoding}): title and body decoded", str(article)[:300])

    words = ["envoy", "talks", "Cairo", "minister", "said", "on", "Monday", "and", "officials", "the"]
    one_line = " ".join(rng.choice(words) for _ in range(200000))[:1024 * 1024]
    article_id = imported(db, write(f"{files}/line.txt", one_line), "a 1 MB single line")
    article = show(db, article_id) if article_id else None
    tap.ok(article is not None and len(article["title"]) + len(article["body"]) >= 1000000 - 200,
           "a 1 MB single line: all of it stored")

    # a million; fewer in the sanitizer build, where each allocation is slow
    n = int(os.environ.get("ND_HOSTILE_PARAGRAPHS", "1000000"))
    what = "a million" if n == 1000000 else f"{n:,}"
    article_id = imported(db, write(f"{files}/paragraphs.txt", "a\n\n" * n), f"{what} tiny paragraphs")
    article = show(db, article_id) if article_id else None
    tap.ok(article is not None and article["body"].count("a") >= n - 1,
           f"{what} tiny paragraphs: all of them stored")

    odd_name = os.path.join(files, "my folder", "it's \"quoted\" — Zürich ünïcödé 東京.txt")
    article_id = imported(db, write(odd_name, "Report from Zürich\n\nThe minister flew to Zürich and Tokyo.\n"),
                          "a path with spaces, quotes and non-ASCII")
    article = show(db, article_id) if article_id else None
    tap.ok(article is not None and article["source"] == os.path.basename(odd_name),
           "a path with spaces, quotes and non-ASCII: its name kept as the source", str(article)[:300])

    # Tags with quotes, SQL and markup: stored and shown verbatim
    tags = ["O'Brien", '"quoted"', "'); DROP TABLE articles; --", "<b>bold</b> & <i>x</i>",
            "%s %d \\n", "Zürich · 東京"]
    count = article_count(db)
    status, out, err = cli(db, "tag", "2", *tags)
    tap.ok(status == 0 and err == "", "tags with quotes, SQL and markup: accepted", err)
    article = show(db, 2)
    tap.ok(article is not None and sorted(article["tags"]) == sorted(tags),
           "tags with quotes, SQL and markup: show --json gives them verbatim", str(article and article["tags"]))
    status, out, err = cli(db, "list")
    row = [line for line in out.splitlines() if line.startswith("2\t")]
    tap.ok(len(row) == 1 and all(t in row[0].split("\t")[3] for t in tags),
           "tags with quotes, SQL and markup: list shows them verbatim", out[:500])
    found = [cli(db, "list", "--tag", t)[1].split("\t")[0] for t in tags]
    tap.ok(found == ["2"] * len(tags) and article_count(db) == count,
           "tags with quotes, SQL and markup: each finds its article, nothing dropped", str(found))

    desk_errors(tmp, db, rng)


def desk_errors(tmp, desk, rng):
    # A file that is not a database: refused, left as it was
    notes = write(os.path.join(tmp, "notes.db"), "These are my notes, not a desk.\n" * 200)
    status, out, err = cli(notes, "list")
    with open(notes, "rb") as f:
        kept = f.read() == ("These are my notes, not a desk.\n" * 200).encode()
    tap.ok(status == 1 and err.splitlines() == [f"{notes} is not a NewsDesk desk: the file is not a database"]
           and kept and not os.path.exists(notes + "-wal"),
           "a file that is not a database: named, left alone", f"status {status}\nstderr: {err}")

    # A desk from a newer NewsDesk: read, not written
    newer = os.path.join(tmp, "newer", "desk.db")
    os.makedirs(os.path.dirname(newer))
    shutil.copy(desk, newer)
    conn = sqlite3.connect(newer)
    known = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    message = f"{newer} was written by a newer NewsDesk (schema 99, this version knows {known}); it is opened read-only"
    read_only_desk(newer, message, "a desk from a newer NewsDesk")
    conn = sqlite3.connect(newer)
    tap.ok(conn.execute("PRAGMA user_version").fetchone()[0] == 99, "a desk from a newer NewsDesk: left at schema 99")
    conn.close()

    # A read-only desk in a read-only folder
    ro_dir = os.path.join(tmp, "read-only")
    ro = os.path.join(ro_dir, "desk.db")
    os.makedirs(ro_dir)
    shutil.copy(desk, ro)
    os.chmod(ro, 0o444)
    os.chmod(ro_dir, 0o555)
    as_user = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            tap.skip("a read-only desk", "running as root without setpriv: root can write any file")
            as_user = None
        else:
            # root writes read-only files: run as nobody, who cannot
            os.chmod(tmp, 0o755)
            as_user = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", "--"]
    if as_user is not None:
        message = f"{ro} is read-only: opened read-only, changes cannot be saved"
        read_only_desk(ro, message, "a read-only desk in a read-only folder", as_user)

    # A busy desk: another program holds a write transaction
    busy = os.path.join(tmp, "busy", "desk.db")
    os.makedirs(os.path.dirname(busy))
    shutil.copy(desk, busy)
    before = ndtest.dump(busy)
    holder = sqlite3.connect(busy, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("UPDATE articles SET starred = 1 - starred")
    status, out, err = cli(busy, "list")
    tap.ok(status == 0 and len(out.splitlines()) == article_count(desk),
           "a busy desk: list works while another program writes", err)
    status, out, err = cli(busy, "tag", "1", "new")
    tap.ok(status == 1 and err.splitlines() == [
        f"{busy} is busy: another program is writing to it; try again when it is done"],
        "a busy desk: tag says so and names the file", f"status {status}\nstderr: {err}")
    holder.execute("ROLLBACK")
    holder.close()
    tap.ok(ndtest.dump(busy) == before, "a busy desk: unchanged")

    # A full disk, simulated with NEWSDESK_MAX_PAGE_COUNT
    full = os.path.join(tmp, "full", "desk.db")
    os.makedirs(os.path.dirname(full))
    shutil.copy(desk, full)
    conn = sqlite3.connect(full)
    # no free pages: every new page makes the file grow
    conn.execute("VACUUM")
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.close()
    before = ndtest.dump(full)
    limit = {"NEWSDESK_MAX_PAGE_COUNT": str(pages)}
    status, out, err = cli(full, "tag", "1", *[f"tag number {i} " + "x" * 200 for i in range(300)], env=limit)
    tap.ok(status == 1 and err.splitlines() == [f"Disk full: {full} could not be written; nothing was changed"]
           and ndtest.dump(full) == before,
           "a full disk: tag says so, nothing changed", f"status {status}\nstderr: {err}")

    folder = os.path.join(tmp, "batch")
    ndtest.make_articles(folder, 40, rng, json_every=4)
    ref = os.path.join(tmp, "batch-reference.db")
    cli(ref, "import", folder)
    # room for about a third of the batch
    conn = ndtest.connect(ref)
    batch_pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.close()
    empty = os.path.join(tmp, "empty.db")
    cli(empty, "list")
    conn = ndtest.connect(empty)
    batch_pages -= conn.execute("PRAGMA page_count").fetchone()[0]
    conn.close()
    limit = {"NEWSDESK_MAX_PAGE_COUNT": str(pages + max(4, batch_pages // 3))}
    count = article_count(full)
    status, out, err = cli(full, "import", folder, env=limit)
    done = [line.split("\t") for line in out.splitlines()]
    lines = err.splitlines()
    tap.ok(status == 1 and 0 < len(done) < 40 and len(lines) == 1 and "Disk full" in lines[0] and
           full in lines[0] and "the import stopped here" in lines[0],
           f"a full disk during an import: stops with a clear message ({len(done)} of 40 stored)",
           f"status {status}\nstderr: {err}")
    got, orphans = ndtest.snapshot(full)
    want, _ = ndtest.snapshot(ref)
    stored = [os.path.basename(fields[1]) for fields in done]
    bad = [f"{s}: {ndtest.compare_article(got[s], want[s])}" for s in stored
           if s not in got or ndtest.compare_article(got[s], want[s])]
    failed = lines[0].split(":")[0] if lines else ""
    tap.ok(not bad and orphans == 0 and article_count(full) == count + len(done) and
           os.path.basename(failed) not in got and ndtest.integrity(full) == "ok",
           "a full disk during an import: every finished article whole, the failed one not stored",
           "\n".join(bad[:5]))
    status, out, err = cli(full, "import", folder)
    tap.ok(status == 0 and article_count(full) == count + 40,
           "a full disk during an import: with room again, a rerun imports the rest", err)


def read_only_desk(db, message, name, as_user=None):
    """A desk that opens read-only: list, show and export work; import,
    tag, untag and delete fail with `message`, and nothing changes"""
    prefix = as_user or []

    def run_cli(*args):
        env = dict(os.environ, LANGUAGE="en", LC_ALL="C.UTF-8")
        env.pop("NEWSDESK_DB", None)
        result = subprocess.run([*prefix, ndtest.CLI, "--database", db, *args], capture_output=True, env=env)
        return result.returncode, result.stdout.decode(), result.stderr.decode()

    before = ndtest.dump(db)
    status, out, err = run_cli("list")
    tap.ok(status == 0 and len(out.splitlines()) >= 5 and err == "", f"{name}: list works", err)
    status, out, err = run_cli("show", "1", "--json")
    tap.ok(status == 0 and json.loads(out)["articles"][0]["id"] == 1, f"{name}: show works", err)
    export = os.path.join(tempfile.gettempdir(), f"newsdesk-hostile-export-{os.getpid()}.json")
    status, out, err = run_cli("export", "-o", export)
    if status == 0:
        with open(export) as f:
            good = len(json.load(f)["articles"]) >= 5
        os.unlink(export)
    else:
        good = False
    tap.ok(good, f"{name}: export works", err)
    for args in (["tag", "1", "more"], ["untag", "1", "samples"], ["delete", "1"],
                 ["import", ndtest.SAMPLES]):
        status, out, err = run_cli(*args)
        tap.ok(status == 1 and out == "" and err.splitlines() == [message],
               f"{name}: {args[0]} fails saying “{message}”", f"status {status}\nstdout: {out}\nstderr: {err}")
    tap.ok(ndtest.dump(db) == before, f"{name}: unchanged")


if __name__ == "__main__":
    main()
