"""`rekindle backup` and `rekindle restore`, run as an operator would, on the database this run uses.

The writers, the backup and the restore are separate processes on a real database: a SQLite
file in a temporary data directory, or PostgreSQL databases named rekindle_backup_* made and
dropped here.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from rekindle.lib.backup import DATABASE_MEMBERS, BackupError, pg_env, unpack
from tests.test_cli import clean_env

REPO = Path(__file__).resolve().parent.parent
WRITERS_COUNT = 20
ON_POSTGRESQL = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))

# Migrates, makes ten couples and a memory with a photo, then 20 writers (one per person, each a
# thread with its own connection) check in and write appreciations through the services until
# told to stop. Each write is recorded with the time it was acknowledged (the service returned,
# so its transaction had committed).
WRITERS = """
import json, sys, threading, time
from pathlib import Path
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.db import connection
from rekindle.checkins import services as checkins
from rekindle.memories import services as memories
from rekindle.spaces import services as spaces
from rekindle.spaces.models import Person
from rekindle.spaces.selectors import couple_for
from tests.memories.helpers import png

work = Path(sys.argv[1])
people = []
for n in range(WRITERS // 2):
    ana, ben = [Person.objects.create_user(f"{who}{n}@example.test", None, display_name=f"{who} {n}")
                for who in ("ana", "ben")]
    spaces.space_create(person=ana, name=f"Couple {n}")
    spaces.invite_accept(person=ben, code=spaces.invite_create(person=ana).code)
    people += [ana, ben]
memories.memory_add(person=people[0], couple=couple_for(people[0]), title="The lake", date=people[0].today(),
                    photos=[png("lake.png")])
connection.close()

acks, errors, lock = [], [], threading.Lock()

def acknowledged(kind, pk):
    with lock:
        acks.append([kind, pk, time.time()])

def write(person):
    try:
        couple = couple_for(person)
        checkin = checkins.checkin_submit(person=person, couple=couple, revision=None,
                                          answers={"rose": "A walk", "bud": "Friday", "thorn": "Tired"})
        acknowledged("checkin", checkin.pk)
        n = 0
        while not (work / "stop").exists():
            n += 1
            acknowledged("appreciation", checkins.appreciation_create(
                person=person, couple=couple, text=f"Thank you, number {n}", submission=None).pk)
            time.sleep(0.05)  # a busy person, not a loop that would starve the others of SQLite's one writer
    except BaseException as exc:
        errors.append(repr(exc))
    finally:
        connection.close()

threads = [threading.Thread(target=write, args=(person,)) for person in people]
for thread in threads:
    thread.start()
while len({pk for kind, pk, at in acks if kind == "checkin"}) < len(people) and not errors:
    time.sleep(0.05)
(work / "writing").touch()
for thread in threads:
    thread.join()
(work / "acks.json").write_text(json.dumps({"acks": acks, "errors": errors}))
""".replace("WRITERS", str(WRITERS_COUNT))

# What a data directory and its database hold, and whether the database is sound.
REPORT = """
import hashlib, json
import django
django.setup()
from django.db import connection
from rekindle.checkins.models import Appreciation, CheckIn
from rekindle.memories.models import Memory, Photo
from rekindle.spaces.models import Person, Space

with connection.cursor() as cursor:
    if connection.vendor == "sqlite":
        cursor.execute("PRAGMA integrity_check")
        integrity = [row[0] for row in cursor.fetchall()]
        cursor.execute("PRAGMA foreign_key_check")
        broken = cursor.fetchall()
        constraints = None
    else:
        cursor.execute("SELECT count(*) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace "
                       "WHERE n.nspname = 'public'")
        constraints = cursor.fetchone()[0]
        cursor.execute("SELECT conname FROM pg_constraint WHERE NOT convalidated")
        broken = cursor.fetchall()
        integrity = ["ok"]
def sha(field):
    with field.storage.open(field.name, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()
print(json.dumps({
    "integrity": integrity, "broken": broken, "constraints": constraints,
    "people": Person.objects.count(), "spaces": Space.objects.count(), "memories": Memory.objects.count(),
    "checkins": sorted(CheckIn.objects.values_list("pk", flat=True)),
    "appreciations": sorted(Appreciation.objects.values_list("pk", flat=True)),
    "photos": sorted([p.image.name, sha(p.image), p.thumb.name, sha(p.thumb)] for p in Photo.objects.all()),
}))
"""


def postgres_url(name: str) -> str:
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path=f"/{name}"))


def on_server(sql: str, database: str = "postgres"):
    import psycopg

    with psycopg.connect(postgres_url(database), autocommit=True) as conn:
        cursor = conn.execute(sql)
        return cursor.fetchall() if cursor.description else None


@dataclass
class Place:
    """A data directory and, on PostgreSQL, an empty database of its own."""

    data_dir: Path
    env: dict
    database: str | None

    def has_tables(self) -> bool:
        if self.database is None:
            return (self.data_dir / "rekindle.sqlite3").exists()
        tables = on_server("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", self.database)
        return tables[0][0] > 0


@pytest.fixture(scope="module")
def places(tmp_path_factory):
    made: list[Place] = []

    def make(name: str) -> Place:
        data_dir = tmp_path_factory.mktemp(name) / "data"
        data_dir.mkdir()
        env = clean_env(data_dir) | {"DJANGO_SETTINGS_MODULE": "rekindle.settings"}
        database = None
        if ON_POSTGRESQL:
            database = f"rekindle_backup_{name}_{uuid.uuid4().hex[:8]}"
            on_server(f'CREATE DATABASE "{database}"')
            env["DATABASE_URL"] = postgres_url(database)
        place = Place(data_dir, env, database)
        made.append(place)
        return place

    yield make
    for place in made:
        if place.database:
            on_server(f'DROP DATABASE IF EXISTS "{place.database}" WITH (FORCE)')


def rekindle(place: Place, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rekindle", *args], env=place.env, cwd=REPO,
                          capture_output=True, text=True, timeout=120)


def report(place: Place) -> dict:
    result = subprocess.run([sys.executable, "-c", REPORT], env=place.env, cwd=REPO, capture_output=True, text=True,
                            timeout=120, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


@dataclass
class BackedUp:
    archive: Path
    began: float
    ended: float
    acks: list
    source: dict


@pytest.fixture(scope="module")
def backed_up(places, tmp_path_factory) -> BackedUp:
    source = places("source")
    work = tmp_path_factory.mktemp("writers")
    writers = subprocess.Popen([sys.executable, "-c", WRITERS, str(work)], env=source.env, cwd=REPO,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 120
        while not (work / "writing").exists():
            assert writers.poll() is None and time.monotonic() < deadline, writers.communicate()[0]
            time.sleep(0.05)
        time.sleep(0.5)  # all 20 well into their appreciations
        # The kernel's clock on a file marks when the backup began and ended (the tests' own clock
        # is moved to midday; the writers' is not). It runs a little behind, so "before" errs early.
        (work / "began").touch()
        made = rekindle(source, "backup", "--output", str(work))
        (work / "ended").touch()
        time.sleep(0.3)
    finally:
        (work / "stop").touch()
        output = writers.communicate(timeout=60)[0]
    assert made.returncode == 0, made.stderr
    written = json.loads((work / "acks.json").read_text())
    assert writers.returncode == 0 and written["errors"] == [], output + str(written["errors"])
    archives = list(work.glob("rekindle-backup-*.tar.gz"))
    assert len(archives) == 1 and str(archives[0]) in made.stdout
    began, ended = (work / "began").stat().st_mtime, (work / "ended").stat().st_mtime
    return BackedUp(archives[0], began, ended, written["acks"], report(source))


@pytest.fixture(scope="module")
def restored(places, backed_up) -> tuple[Place, dict]:
    target = places("restored")
    result = rekindle(target, "restore", str(backed_up.archive))
    assert result.returncode == 0, result.stderr
    assert "Restored the backup made" in result.stdout
    return target, report(target)


def test_a_backup_taken_while_twenty_people_write_restores_every_write_acknowledged_before_it(backed_up, restored):
    _, after = restored
    before = [(kind, pk) for kind, pk, at in backed_up.acks if at < backed_up.began]
    during = [pk for kind, pk, at in backed_up.acks if backed_up.began <= at <= backed_up.ended]
    assert len({pk for kind, pk in before if kind == "checkin"}) == WRITERS_COUNT
    assert during, "the writers were still writing while the backup ran"
    assert {pk for kind, pk in before if kind == "checkin"} <= set(after["checkins"])
    assert {pk for kind, pk in before if kind == "appreciation"} <= set(after["appreciations"])
    assert set(after["appreciations"]) <= set(backed_up.source["appreciations"])  # nothing invented
    assert after["integrity"] == ["ok"] and after["broken"] == []
    assert after["constraints"] == backed_up.source["constraints"]  # PostgreSQL: every constraint came back
    for count in ("people", "spaces", "memories"):
        assert after[count] == backed_up.source[count]


def test_photos_come_back_byte_for_byte(backed_up, restored):
    target, after = restored
    assert len(after["photos"]) == 1
    assert after["photos"] == backed_up.source["photos"]
    image = target.data_dir / "media" / after["photos"][0][0]
    assert image.stat().st_mode & 0o077 == 0


def test_the_manifest_says_what_is_inside_with_checksums(backed_up):
    import rekindle

    with tarfile.open(backed_up.archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        members = {m.name: hashlib.sha256(tar.extractfile(m).read()).hexdigest() for m in tar if m.name != "manifest.json"}
    assert manifest["app_version"] == rekindle.__version__
    assert manifest["database"] == {"vendor": OUR_DATABASE, "file": DATABASE_MEMBERS[OUR_DATABASE]}
    assert manifest["created_at"].startswith(time.strftime("%Y-%m-%d", time.gmtime(backed_up.began)))
    assert "0001_initial" in manifest["migrations"]["checkins"]
    assert {name: record["sha256"] for name, record in manifest["files"].items()} == members
    assert {"data/secret_key", manifest["database"]["file"]} <= members.keys()
    assert sum(name.startswith("media/photos/") for name in members) == 2  # the photo and its thumbnail
    assert backed_up.archive.stat().st_mode & 0o077 == 0


def test_restore_refuses_a_target_that_is_not_empty_and_changes_nothing(backed_up, restored):
    target, before = restored
    result = rekindle(target, "restore", str(backed_up.archive))
    assert result.returncode == 1
    assert "Restore only goes into an empty place" in result.stderr and "Nothing was changed" in result.stderr
    assert "Traceback" not in result.stderr
    assert report(target) == before


def rebuilt(archive: Path, into: Path, *, change, rename: dict | None = None) -> Path:
    """The archive with its members passed through change(name, data) -> data, some renamed."""
    into.mkdir()
    out = into / "changed.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(out, "w:gz") as tar:
        for member in source:
            data = change(member.name, source.extractfile(member).read())
            member.name, member.size = (rename or {}).get(member.name, member.name), len(data)
            tar.addfile(member, io.BytesIO(data))
    return out


OUR_DATABASE = "postgresql" if ON_POSTGRESQL else "sqlite"
OTHER_DATABASE = "sqlite" if ON_POSTGRESQL else "postgresql"


def as_the_other_database(name: str, data: bytes) -> bytes:
    if name != "manifest.json":
        return data
    manifest = json.loads(data)
    manifest["database"] = {"vendor": OTHER_DATABASE, "file": DATABASE_MEMBERS[OTHER_DATABASE]}
    manifest["files"][DATABASE_MEMBERS[OTHER_DATABASE]] = manifest["files"].pop(DATABASE_MEMBERS[OUR_DATABASE])
    return json.dumps(manifest).encode()


def one_byte_of_the_database_changed(name: str, data: bytes) -> bytes:
    if not name.startswith("database/"):
        return data
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 1]) + data[middle + 1 :]


def newer_manifest(name: str, data: bytes) -> bytes:
    if name != "manifest.json":
        return data
    manifest = json.loads(data)
    manifest["migrations"]["checkins"].append("0999_from_the_future")
    return json.dumps(manifest).encode()


def test_a_damaged_newer_or_other_kind_of_backup_is_refused_kindly_and_changes_nothing(backed_up, places, tmp_path):
    target = places("empty")
    whole = backed_up.archive.read_bytes()
    truncated = tmp_path / "cut.tar.gz"
    truncated.write_bytes(whole[: len(whole) // 2])
    other = rebuilt(backed_up.archive, tmp_path / "other", change=as_the_other_database,
                    rename={DATABASE_MEMBERS[OUR_DATABASE]: DATABASE_MEMBERS[OTHER_DATABASE]})
    cases = {
        truncated: "isn't a complete Rekindle backup",
        rebuilt(backed_up.archive, tmp_path / "newer", change=newer_manifest): "made by a newer Rekindle",
        other: "Restore it with the same kind of database",
    }
    for archive, words in cases.items():
        result = rekindle(target, "restore", str(archive))
        assert result.returncode == 1 and words in result.stderr and "Nothing was changed" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
    assert not target.has_tables()
    assert sorted(p.name for p in target.data_dir.iterdir()) == ["secret_key"]  # made at start-up; no leftovers


def test_every_kind_of_damage_is_found_before_anything_is_restored(backed_up, tmp_path):
    whole = backed_up.archive.read_bytes()
    middle = len(whole) // 2
    flipped, not_a_backup = tmp_path / "flipped.tar.gz", tmp_path / "notes.tar.gz"
    flipped.write_bytes(whole[:middle] + bytes([whole[middle] ^ 0xFF]) + whole[middle + 1 :])
    not_a_backup.write_text("my shopping list\n")
    cases = {
        flipped: "isn't a complete Rekindle backup",
        not_a_backup: "isn't a complete Rekindle backup",
        rebuilt(backed_up.archive, tmp_path / "tampered", change=one_byte_of_the_database_changed): "don't match the checksums",
        tmp_path / "missing.tar.gz": "There is no backup file",
    }
    for archive, words in cases.items():
        into = tmp_path / f"into-{archive.stem}"
        into.mkdir()
        with pytest.raises(BackupError, match=words):
            unpack(archive, into)
    (tmp_path / "whole").mkdir()
    assert unpack(backed_up.archive, tmp_path / "whole")["format"] == "rekindle-backup"  # and the undamaged one passes


def test_the_database_password_reaches_pg_dump_through_the_environment_only():
    env = pg_env({"ENGINE": "django.db.backends.postgresql", "NAME": "rekindle", "USER": "ann", "PASSWORD": "s3cret words",
                  "HOST": "db.example", "PORT": 5433, "OPTIONS": {"sslmode": "require"}})
    assert {name: env[name] for name in ("PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "PGDATABASE", "PGSSLMODE")} == {
        "PGHOST": "db.example", "PGPORT": "5433", "PGUSER": "ann", "PGPASSWORD": "s3cret words",
        "PGDATABASE": "rekindle", "PGSSLMODE": "require",
    }


def test_a_backup_from_an_older_rekindle_is_brought_up_to_date(backed_up, places, tmp_path):
    older = places("older")
    assert rekindle(older, "restore", str(backed_up.archive)).returncode == 0
    assert rekindle(older, "manage", "migrate", "reminders", "0001", "--verbosity", "0").returncode == 0
    assert rekindle(older, "backup", "--output", str(tmp_path)).returncode == 0
    newer = places("updated")
    result = rekindle(newer, "restore", str(next(tmp_path.glob("rekindle-backup-*.tar.gz"))))
    assert result.returncode == 0, result.stderr
    assert "The database was brought up to date for this Rekindle" in result.stdout
    assert rekindle(newer, "manage", "migrate", "--check").returncode == 0  # nothing left to apply
