"""`rekindle backup` and `rekindle restore`: one archive with a consistent copy of everything.

The archive is a single .tar.gz (easy to copy off the machine) holding:

    manifest.json                what it is: app version, database vendor, migrations, when, checksums
    database/rekindle.sqlite3    SQLite: a copy made with the online backup API
    database/rekindle.pgdump     PostgreSQL: `pg_dump --format=custom`
    media/<name>                 every file in the photo storage (`STORAGES["photos"]`)
    data/<name>                  the data directory's keys (secret_key, vapid_private.pem) and content overrides

It holds every couple's words and the server's secret key: keep it as private as the server.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import json
import os
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

FORMAT = "rekindle-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE_MEMBERS = {"sqlite": "database/rekindle.sqlite3", "postgresql": "database/rekindle.pgdump"}
VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
DATA_FILES = ("secret_key", "vapid_private.pem")
DATA_FOLDERS = ("content",)
MEMBER_PREFIXES = ("database/", "media/", "data/")
MANIFEST_MAX = 10 * 1024 * 1024
CHUNK = 1024 * 1024
# Connection settings handed to pg_dump / pg_restore through libpq's environment variables, so a
# password never shows on a command line (where `ps` would show it to every user of the machine).
PG_ENV = {"HOST": "PGHOST", "PORT": "PGPORT", "USER": "PGUSER", "PASSWORD": "PGPASSWORD", "NAME": "PGDATABASE"}
PG_OPTION_ENV = {"sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT", "sslcert": "PGSSLCERT", "sslkey": "PGSSLKEY"}
DAMAGED = (
    "This file can't be restored: it isn't a complete Rekindle backup (it may be damaged, or cut short "
    "while it was copied). Nothing was changed. Try another copy of it."
)


class BackupError(Exception):
    """Something the operator can fix; the message says what, in plain words."""


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    vendor: str
    photos: int
    size: int


@dataclass(frozen=True)
class RestoreSummary:
    created_at: str
    app_version: str
    vendor: str
    photos: int
    migrations_applied: int


class _Hashing:
    """A file wrapper that hashes what is read through it (tarfile reads members in chunks)."""

    def __init__(self, raw):
        self.raw, self.sha, self.size = raw, hashlib.sha256(), 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.sha.update(data)
        self.size += len(data)
        return data

    @property
    def record(self) -> dict:
        return {"sha256": self.sha.hexdigest(), "size": self.size}


def _vendor() -> str:
    from django.db import connection

    if connection.vendor not in DATABASE_MEMBERS:
        raise BackupError(f"Backups work on SQLite and PostgreSQL, not on {connection.vendor}.")
    return connection.vendor


def _by_app(rows) -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in rows:
        applied.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(applied.items())}


def _sqlite_path() -> Path:
    from django.conf import settings

    return Path(settings.DATABASES["default"]["NAME"])


# --- PostgreSQL's client programs -------------------------------------------------------------

def pg_env(database: dict) -> dict[str, str]:
    """This process's environment with libpq's variables for `database` (a DATABASES entry)."""
    env = dict(os.environ)
    for key, variable in PG_ENV.items():
        if database.get(key):
            env[variable] = str(database[key])
    for option, variable in PG_OPTION_ENV.items():
        if database.get("OPTIONS", {}).get(option):
            env[variable] = str(database["OPTIONS"][option])
    return env


def _run_pg(program: str, *args: str) -> None:
    from django.conf import settings

    try:
        result = subprocess.run([program, *args], env=pg_env(settings.DATABASES["default"]), capture_output=True, text=True)
    except FileNotFoundError:
        raise BackupError(
            f"{program} isn't installed here. Install PostgreSQL's client programs (on Debian: "
            "apt-get install postgresql-client), of the server's version or newer."
        ) from None
    if result.returncode != 0:
        raise BackupError(f"{program} stopped with an error:\n{result.stderr.strip()}")


# --- Taking a backup --------------------------------------------------------------------------

def _snapshot_sqlite(into: Path) -> dict[str, list[str]]:
    source = _sqlite_path()
    if not source.exists():
        raise BackupError(f"There is no database at {source} yet, so there is nothing to back up.")
    # The online backup API copies every page in one step, inside one read transaction: a
    # consistent snapshot holding every commit made before it began. In WAL mode the server's
    # writers carry on meanwhile (a reader never blocks them).
    src, dst = sqlite3.connect(source, timeout=20), sqlite3.connect(into)
    try:
        src.backup(dst)
        if dst.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise BackupError(f"The database at {source} fails SQLite's integrity check; it needs repair first.")
        try:
            rows = dst.execute("SELECT app, name FROM django_migrations").fetchall()
        except sqlite3.OperationalError:
            raise BackupError(f"The database at {source} has no Rekindle tables yet, so there is nothing to back up.") from None
    finally:
        src.close()
        dst.close()
    return _by_app(rows)


def _snapshot_postgresql(into: Path) -> dict[str, list[str]]:
    from django.db import DatabaseError, connection, transaction

    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            cursor.execute("SELECT app, name FROM django_migrations")
            rows = cursor.fetchall()
            # pg_dump reads the snapshot this transaction holds open: every commit before it, and
            # exactly the migrations read above.
            _run_pg("pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={into}")
    except DatabaseError as exc:
        raise BackupError(f"The database can't be read for a backup: {exc}".strip()) from None
    return _by_app(rows)


def _storage_files(storage, folder: str = ""):
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # a photo folder not made yet: no photos
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for name in sorted(folders):
        yield from _storage_files(storage, f"{folder}/{name}" if folder else name)


def _data_files(data_dir: Path):
    for name in DATA_FILES:
        if (data_dir / name).is_file():
            yield name, data_dir / name
    for folder in DATA_FOLDERS:
        for path in sorted((data_dir / folder).rglob("*")):
            if path.is_file():
                yield path.relative_to(data_dir).as_posix(), path


def _add(tar: tarfile.TarFile, name: str, fileobj, size: int) -> dict:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = size, 0o600, int(dt.datetime.now(dt.UTC).timestamp())
    reader = _Hashing(fileobj)
    tar.addfile(info, reader)
    return reader.record


def _output_path(output: str | None, created: dt.datetime) -> Path:
    name = f"rekindle-backup-{created:%Y%m%d-%H%M%S}.tar.gz"
    path = Path(output).expanduser() if output else Path.cwd() / name
    if path.is_dir():
        path = path / name
    if path.exists():
        raise BackupError(f"{path} is already there; a backup never overwrites a file. Choose another --output.")
    if not path.parent.is_dir():
        raise BackupError(f"There is no folder {path.parent} to write the backup into.")
    return path


def create_backup(output: str | None = None) -> BackupSummary:
    """Write one archive: the database snapshot first, then the photos and the data directory's keys."""
    from django.conf import settings
    from django.core.files.storage import storages

    import rekindle

    vendor = _vendor()
    created = dt.datetime.now(dt.UTC)
    path = _output_path(output, created)
    partial = path.with_name(path.name + ".partial")
    with tempfile.TemporaryDirectory(prefix=".rekindle-backup-", dir=path.parent) as work:
        snapshot = Path(work) / "database"
        migrations = (_snapshot_sqlite if vendor == "sqlite" else _snapshot_postgresql)(snapshot)
        files: dict[str, dict] = {}
        try:
            fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # a .partial left by a crash is ours
            with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz", compresslevel=6) as tar:
                with snapshot.open("rb") as fh:
                    files[DATABASE_MEMBERS[vendor]] = _add(tar, DATABASE_MEMBERS[vendor], fh, snapshot.stat().st_size)
                # The photos are copied after the database snapshot, never before. A photo's file is
                # written before its row is committed, so every photo row in the snapshot has its file
                # here now. A photo added since has a file but no row in the snapshot: harmless, nothing
                # shows it. The other order would miss the files of photos added while the database was
                # copied: rows pointing at nothing. (Only a photo removed during the backup leaves its
                # row without a file, and that photo was on its way out.)
                photos = storages["photos"]
                photo_count = 0
                for name in _storage_files(photos):
                    try:
                        size = photos.size(name)
                        with photos.open(name, "rb") as fh:
                            files[f"media/{name}"] = _add(tar, f"media/{name}", fh, size)
                    except FileNotFoundError:
                        continue  # removed since it was listed; its row went with it
                    photo_count += 1
                for name, source in _data_files(Path(settings.DATA_DIR)):
                    with source.open("rb") as fh:
                        files[f"data/{name}"] = _add(tar, f"data/{name}", fh, source.stat().st_size)
                manifest = {
                    "format": FORMAT,
                    "format_version": FORMAT_VERSION,
                    "app_version": rekindle.__version__,
                    "created_at": created.isoformat(timespec="seconds"),
                    "database": {"vendor": vendor, "file": DATABASE_MEMBERS[vendor]},
                    "migrations": migrations,
                    "files": files,
                }
                body = json.dumps(manifest, indent=2, sort_keys=True).encode()
                _add(tar, MANIFEST, io.BytesIO(body), len(body))
            os.replace(partial, path)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    return BackupSummary(path=path, vendor=vendor, photos=photo_count, size=path.stat().st_size)


# --- Restoring one ----------------------------------------------------------------------------

def _member_name(member: tarfile.TarInfo) -> str:
    path = PurePosixPath(member.name)
    safe = (
        member.isfile()
        and not path.is_absolute()
        and ".." not in path.parts
        and (member.name == MANIFEST or member.name.startswith(MEMBER_PREFIXES))
    )
    if not safe:
        raise BackupError(f"{DAMAGED} (It holds {member.name!r}, which no Rekindle backup has.)")
    return path.as_posix()


def unpack(archive: Path, into: Path) -> dict:
    """Every member written under `into` and checked against the manifest; the manifest."""
    if not archive.is_file():
        raise BackupError(f"There is no backup file at {archive}.")
    found: dict[str, dict] = {}
    manifest = None
    try:
        with tarfile.open(archive, "r:gz") as tar:
            for member in tar:
                name = _member_name(member)
                if name in found or (name == MANIFEST and manifest is not None):
                    raise BackupError(f"{DAMAGED} ({name} is in it twice.)")
                source = tar.extractfile(member)
                if name == MANIFEST:
                    manifest = json.loads(source.read(MANIFEST_MAX))
                    continue
                target = into / name
                target.parent.mkdir(parents=True, exist_ok=True)
                reader = _Hashing(source)
                with target.open("xb") as out:
                    while chunk := reader.read(CHUNK):
                        out.write(chunk)
                found[name] = reader.record
            # Read to the very end, so gzip checks its checksum of the whole file: a damaged byte
            # can otherwise pass as the end of the archive.
            while tar.fileobj.read(CHUNK):
                pass
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile, ValueError) as exc:
        raise BackupError(f"{DAMAGED} ({exc})") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{DAMAGED} (It has no Rekindle manifest.)")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError("This backup was made by a newer Rekindle. Update Rekindle here first, then restore it. "
                          "Nothing was changed.")
    try:
        expected = {name: {"sha256": r["sha256"], "size": r["size"]} for name, r in manifest["files"].items()}
        vendor, database = manifest["database"]["vendor"], manifest["database"]["file"]
        _applied(manifest)
        str(manifest["created_at"]), str(manifest["app_version"])
    except (KeyError, TypeError, AttributeError):
        raise BackupError(f"{DAMAGED} (Its manifest is incomplete.)") from None
    mismatched = sorted(name for name in expected.keys() | found.keys() if expected.get(name) != found.get(name))
    if mismatched or database not in found or DATABASE_MEMBERS.get(vendor) != database:
        raise BackupError(
            f"{DAMAGED} ({len(mismatched) or 1} file(s) in it don't match the checksums it was made with"
            + (f", first {mismatched[0]}" if mismatched else "") + ".)"
        )
    return manifest


def _applied(manifest: dict) -> set[tuple[str, str]]:
    return {(app, name) for app, names in manifest["migrations"].items() for name in names}


def _refuse(what: str) -> None:
    raise BackupError(
        f"Restore only goes into an empty place, and {what}. Nothing was changed. "
        "Restore into a new data directory (--data-dir) and, on PostgreSQL, a new empty database "
        "(createdb, then point DATABASE_URL at it)."
    )


def _check_target_empty(vendor: str) -> None:
    from django.core.files.storage import storages
    from django.db import DatabaseError, connection

    if vendor == "sqlite":
        path = _sqlite_path()
        if path.exists():
            try:
                with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as db:
                    tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            except sqlite3.DatabaseError:
                tables = 1
            if tables:
                _refuse(f"there is already a database at {path}")
        elif Path(f"{path}-wal").exists():
            _refuse(f"a leftover {path}-wal from an earlier database is there (remove it)")
    else:
        try:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')"
                )
                tables = cursor.fetchone()[0]
        except DatabaseError as exc:
            raise BackupError(f"The database to restore into can't be reached: {exc}".strip()) from None
        if tables:
            _refuse(f"the database {connection.settings_dict['NAME']} already has {tables} table(s)")
    if next(_storage_files(storages["photos"]), None) is not None:
        _refuse("the photo storage already holds photos")


def _check_compatible(manifest: dict, vendor: str, staged: Path) -> None:
    from django.conf import settings
    from django.db.migrations.loader import MigrationLoader

    if manifest["database"]["vendor"] != vendor:
        raise BackupError(
            f"This backup holds a {VENDOR_NAMES[manifest['database']['vendor']]} database, and this Rekindle is set "
            f"up for {VENDOR_NAMES[vendor]}. Restore it with the same kind of database (DATABASE_URL). "
            "Nothing was changed."
        )
    unknown = _applied(manifest) - set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    if unknown:
        raise BackupError(
            f"This backup was made by a newer Rekindle ({manifest.get('app_version', 'unknown version')}). "
            "Update Rekindle here first, then restore it. Nothing was changed."
        )
    for name in manifest["files"]:
        existing = Path(settings.DATA_DIR) / name.removeprefix("data/")
        if name.startswith("data/content/") and existing.exists() and existing.read_bytes() != (staged / name).read_bytes():
            _refuse(f"{existing} is already there and differs from the backup's")


def _restore_sqlite(snapshot: Path) -> None:
    target = _sqlite_path()
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.close(os.open(target, os.O_RDWR | os.O_CREAT, 0o600))  # owner-only from the start
    # Copied page by page through SQLite itself (the backup API again), so the empty target's own
    # journal files stay consistent with it.
    src, dst = sqlite3.connect(snapshot), sqlite3.connect(target, timeout=20)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


def _restore_postgresql(dump: Path) -> None:
    from django.db import connection

    # One transaction: if anything fails, the database is left as empty as it was.
    _run_pg("pg_restore", "--single-transaction", "--exit-on-error", "--no-owner", "--no-privileges",
            f"--dbname={connection.settings_dict['NAME']}", str(dump))


def _restore_files(staged: Path) -> int:
    from django.conf import settings
    from django.core.files import File
    from django.core.files.storage import storages

    photos = storages["photos"]
    count = 0
    media = staged / "media"
    for path in sorted(media.rglob("*")) if media.is_dir() else ():
        if path.is_file():
            name = path.relative_to(media).as_posix()
            with path.open("rb") as fh:
                saved = photos.save(name, File(fh, name=name))
            if saved != name:
                raise BackupError(f"The photo {name} came back as {saved}; the photo storage wasn't empty.")
            count += 1
    # The keys replace the ones a first start made here: the database was empty, so nothing was
    # signed or encrypted with those yet, and the restored sessions and push subscriptions need these.
    data = staged / "data"
    for path in sorted(data.rglob("*")) if data.is_dir() else ():
        if path.is_file():
            target = Path(settings.DATA_DIR) / path.relative_to(data)
            target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as out:
                out.write(path.read_bytes())
    return count


def _migrate() -> int:
    """Bring a backup made by an older Rekindle up to date; how many migrations that took."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        call_command("migrate", interactive=False, verbosity=0)
    return len(plan)


def restore_backup(archive: str) -> RestoreSummary:
    """Bring one archive back into the configured, empty data directory and database."""
    from django.conf import settings
    from django.core.cache import cache

    vendor = _vendor()
    _check_target_empty(vendor)
    with tempfile.TemporaryDirectory(prefix=".rekindle-restore-", dir=settings.DATA_DIR) as work:
        staged = Path(work)
        manifest = unpack(Path(archive).expanduser(), staged)
        _check_compatible(manifest, vendor, staged)
        database = staged / manifest["database"]["file"]
        (_restore_sqlite if vendor == "sqlite" else _restore_postgresql)(database)
        photos = _restore_files(staged)
    applied = _migrate()
    cache.clear()  # nothing cached before the restore (sessions included) may outlive it
    return RestoreSummary(
        created_at=manifest["created_at"],
        app_version=manifest["app_version"],
        vendor=vendor,
        photos=photos,
        migrations_applied=applied,
    )
