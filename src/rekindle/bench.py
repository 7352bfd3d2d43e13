"""`python -m rekindle.bench` (`make bench`): how much each main page costs, and whether that grows.

It seeds a throwaway database, then measures in-process, through the full middleware, the CPU
time per request (median of BENCH_REPS) and the query count of every main page for:

- a reference couple with two weeks of history, alone in the database ("small") and again after
  BENCH_COUPLES more couples with two weeks each, all checked in today, are added ("large");
- a couple with one day of history and a couple with a year of it;
- two floor views: a bare view, and a session-auth view doing one indexed query.

Settings, all from the environment:
  DATABASE_URL   PostgreSQL to bench on (the database name must contain "bench": it is emptied);
                 without it, a temporary SQLite file.
  BENCH_COUPLES  how many couples to add (default 100,000 on PostgreSQL, 2,000 on SQLite).
  BENCH_REPS     requests per measurement (default 30).
  BENCH_LOAD=1   afterwards, `rekindle serve` it (REKINDLE_WORKERS, REKINDLE_THREADS) and run 100 concurrent clients for
                 BENCH_LOAD_SECONDS (default 60) against 127.0.0.1, then report throughput.

The last line printed is always: `bench: worst page <name> <x>× auth floor; worst growth <name> <y>×`.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time

BATCH_COUPLES = 2_000


# ---- setup ----


def _setup() -> None:
    # Its own data directory (the SQLite file without DATABASE_URL, static files, cache).
    os.environ.setdefault("REKINDLE_DATA_DIR", tempfile.mkdtemp(prefix="rekindle-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rekindle.settings")
    import django

    django.setup()
    from django.conf import settings

    settings.ROOT_URLCONF = "rekindle.lib.bench_urls"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]


def _prepare_database() -> None:
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "postgresql" and "bench" not in connection.settings_dict["NAME"]:
        sys.exit("bench: DATABASE_URL must name a throwaway database with 'bench' in its name (it is emptied).")
    call_command("migrate", interactive=False, verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


# ---- seeding with bulk helpers ----


def seed(first: int, count: int, days: int, today: dt.date) -> list[tuple]:
    """`count` couples numbered from `first`, each with `days` days of history ending today.

    Per couple and day: two check-ins; every other day an appreciation with a reply and a
    reflection on a check-in. Per couple: two bucket-list items and a commitment.
    Returns (person_a, person_b, space) for each couple.
    """
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from rekindle.checkins.models import Appreciation, AppreciationReply, CheckIn, CheckInRound, Reflection
    from rekindle.rituals.models import Commitment
    from rekindle.spaces.models import Membership, Person, Space
    from rekindle.together.models import BucketItem

    hashed = make_password(None)  # unusable: bench people sign in with force_login or a made session
    now = timezone.now()
    couples = []
    for start in range(first, first + count, BATCH_COUPLES):
        numbers = range(start, min(first + count, start + BATCH_COUPLES))
        with transaction.atomic():
            people = Person.objects.bulk_create(
                Person(email=f"bench{n}{side}@bench.test", display_name=f"{side.upper()}{n}", password=hashed)
                for n in numbers
                for side in "ab"
            )
            pairs = list(zip(people[0::2], people[1::2]))
            spaces = Space.objects.bulk_create(Space(name=f"Couple {n}", created_by=a) for n, (a, _) in zip(numbers, pairs))
            Membership.objects.bulk_create(
                Membership(space=s, person=p) for s, (a, b) in zip(spaces, pairs) for p in (a, b)
            )
            dates = [today - dt.timedelta(days=offset) for offset in range(days)]
            # One round a day per couple, completed that evening, both partners' check-ins in it.
            rounds = CheckInRound.objects.bulk_create(
                (
                    CheckInRound(space=s, date=d, opened_at=_evening(d, now, 0), completed_at=_evening(d, now, 1))
                    for s in spaces
                    for d in dates
                ),
                batch_size=5_000,
            )
            checkins = CheckIn.objects.bulk_create(
                (
                    CheckIn(author=p, space=s, local_date=d, round=rounds[i * days + k],
                            rose="A good walk", bud="The weekend", thorn="Tired")
                    for i, (s, (a, b)) in enumerate(zip(spaces, pairs))
                    for k, d in enumerate(dates)
                    for p in (a, b)
                ),
                batch_size=5_000,
            )
            Reflection.objects.bulk_create(
                (
                    Reflection(checkin=c, item="rose", author=pairs[i // (2 * days)][1], text="Sounds lovely")
                    for i, c in enumerate(checkins)
                    if i % 4 == 0
                ),
                batch_size=5_000,
            )
            appreciations = Appreciation.objects.bulk_create(
                (
                    Appreciation(author=a if k % 4 else b, space=s, text="Thank you for dinner", local_date=d)
                    for s, (a, b) in zip(spaces, pairs)
                    for k, d in enumerate(dates)
                    if k % 2 == 0
                ),
                batch_size=5_000,
            )
            authors = {s.pk: (a, b) for s, (a, b) in zip(spaces, pairs)}
            AppreciationReply.objects.bulk_create(
                (
                    AppreciationReply(
                        appreciation=x,
                        author=authors[x.space_id][1] if x.author_id == authors[x.space_id][0].pk else authors[x.space_id][0],
                        text="Any time",
                    )
                    for x in appreciations
                ),
                batch_size=5_000,
            )
            BucketItem.objects.bulk_create(
                BucketItem(space=s, author=p, title=f"Picnic by the river {p.pk}")
                for s, (a, b) in zip(spaces, pairs)
                for p in (a, b)
            )
            Commitment.objects.bulk_create(
                Commitment(space=s, author=a, text="Phones away at dinner", due_on=today + dt.timedelta(days=3))
                for s, (a, b) in zip(spaces, pairs)
            )
        couples.extend((a, b, s) for (a, b), s in zip(pairs, spaces))
    return couples


def _evening(day: dt.date, now: dt.datetime, hours: int) -> dt.datetime:
    """A moment on the evening of `day` (UTC), never later than now: when its round opened
    and closed. Old rounds closed long ago, as in a real history."""
    moment = dt.datetime.combine(day, dt.time(19 + hours), tzinfo=dt.timezone.utc)
    return min(moment, now - dt.timedelta(hours=1 - hours))


SQL_BATCH_COUPLES = 20_000


def seed_sql(first: int, count: int, days: int, today: dt.date) -> None:
    """The same history as `seed`, generated inside PostgreSQL (`INSERT … SELECT generate_series`),
    which is a hundred times faster than building model instances for millions of rows."""
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction

    from rekindle.rituals.models import Commitment

    hashed = make_password(None)  # unusable: bench people sign in with force_login or a made session
    for start in range(first, first + count, SQL_BATCH_COUPLES):
        last = min(first + count, start + SQL_BATCH_COUPLES) - 1
        p = {"first": start, "last": last, "hash": hashed, "today": today, "days": days, "open": Commitment.OPEN}
        with transaction.atomic(), connection.cursor() as cursor:
            for sql in SEED_SQL:
                started = time.perf_counter()
                cursor.execute(sql, p)
                if os.environ.get("BENCH_VERBOSE"):
                    print(f"  {time.perf_counter() - started:6.2f} s  {' '.join(sql.split()[:3])}", flush=True)


SEED_SQL = [
    """INSERT INTO spaces_person (password, is_superuser, is_staff, is_active, date_joined, email, display_name, time_zone,
                                  news_unread, news_feed, memories_hidden)
       SELECT %(hash)s, false, false, true, now(), 'bench' || n || s || '@bench.test', upper(s) || n, 'UTC', 0, '[]', '[]'
       FROM generate_series(%(first)s::int, %(last)s::int) n, (VALUES ('a'), ('b')) v(s)""",
    """CREATE TEMP TABLE bench_couple ON COMMIT DROP AS
       SELECT n, a.id AS a_id, b.id AS b_id, 0::bigint AS space_id FROM generate_series(%(first)s::int, %(last)s::int) n
       JOIN spaces_person a ON a.email = 'bench' || n || 'a@bench.test'
       JOIN spaces_person b ON b.email = 'bench' || n || 'b@bench.test'""",
    "ANALYZE bench_couple",
    """WITH s AS (INSERT INTO spaces_space (name, created_at, created_by_id, memory_days, pause_open)
                 SELECT 'Couple ' || n, now(), a_id, '{}', false FROM bench_couple RETURNING id, created_by_id)
       UPDATE bench_couple c SET space_id = s.id FROM s WHERE s.created_by_id = c.a_id""",
    """INSERT INTO spaces_membership (joined_at, person_id, space_id)
       SELECT now(), p, space_id FROM bench_couple, LATERAL (VALUES (a_id), (b_id)) v(p)""",
    """INSERT INTO checkins_checkinround (space_id, date, opened_at, completed_at)
       SELECT space_id, %(today)s::date - d,
              least(((%(today)s::date - d) + time '19:00') AT TIME ZONE 'UTC', now() - interval '1 hour'),
              least(((%(today)s::date - d) + time '20:00') AT TIME ZONE 'UTC', now())
       FROM bench_couple, generate_series(0, %(days)s::int - 1) d""",
    """INSERT INTO checkins_checkin (local_date, rose, bud, thorn, revision, created_at, updated_at, author_id, space_id, round_id)
       SELECT r.date, 'A good walk', 'The weekend', 'Tired', 1, now(), now(), p, c.space_id, r.id
       FROM bench_couple c JOIN checkins_checkinround r ON r.space_id = c.space_id,
            LATERAL (VALUES (c.a_id), (c.b_id)) v(p)""",
    """INSERT INTO checkins_reflection (item, text, response, created_at, updated_at, author_id, checkin_id)
       SELECT 'rose', 'Sounds lovely', '', now(), now(), c.b_id, ch.id
       FROM checkins_checkin ch JOIN bench_couple c ON ch.author_id = c.a_id
       WHERE (%(today)s::date - ch.local_date) %% 2 = 0""",
    """INSERT INTO checkins_appreciation (text, local_date, created_at, author_id, space_id)
       SELECT 'Thank you for dinner', %(today)s::date - d, now(), CASE WHEN d %% 4 = 0 THEN b_id ELSE a_id END, space_id
       FROM bench_couple, generate_series(0, %(days)s::int - 1, 2) d""",
    """INSERT INTO checkins_appreciationreply (text, created_at, appreciation_id, author_id)
       SELECT 'Any time', now(), x.id, CASE WHEN x.author_id = c.a_id THEN c.b_id ELSE c.a_id END
       FROM checkins_appreciation x JOIN bench_couple c ON x.space_id = c.space_id""",
    """INSERT INTO together_bucketitem (idea_id, title, note, created_at, memory, author_id, space_id)
       SELECT '', 'Picnic by the river ' || p, '', now(), '', p, space_id
       FROM bench_couple, LATERAL (VALUES (a_id), (b_id)) v(p)""",
    """INSERT INTO rituals_commitment (text, due_on, outcome, alternative, created_at, author_id, space_id)
       SELECT 'Phones away at dinner', %(today)s::date + 3, %(open)s, '', now(), a_id, space_id FROM bench_couple""",
]


def _analyze() -> None:
    """Fresh statistics; on PostgreSQL also a VACUUM and a CHECKPOINT, so that autovacuum and the
    writing out of millions of new rows do not share the machine with the measurement after it."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and not connection.in_atomic_block:  # (a test's transaction)
            cursor.execute("VACUUM ANALYZE")
            cursor.execute("CHECKPOINT")
        else:
            cursor.execute("ANALYZE")


# ---- measuring ----


def pages(today: dt.date) -> list[tuple[str, str]]:
    from django.urls import reverse

    return [
        ("today", reverse("today")),
        ("history", reverse("checkin_history")),
        ("day", reverse("checkin_day", kwargs={"day": today})),
        ("appreciations", reverse("appreciations")),
        ("talk", reverse("talk")),
        ("programs", reverse("programs")),
        ("meetings", reverse("meetings")),
        ("commitments", reverse("commitments")),
        ("experiments", reverse("experiments")),
        ("bucket", reverse("together_bucket")),
        ("plans", reverse("together_plans")),
        ("calendar", reverse("together_calendar")),
        ("listen", reverse("listening")),
        ("parked", reverse("parked_topics")),
        ("space", reverse("space")),
        ("support", reverse("support")),
    ]


FLOOR_URLS = {"bare view": "/__bench__/bare/", "auth floor": "/__bench__/auth/"}


def measure(people: dict, urls: dict[str, str], reps: int) -> dict[str, dict[str, tuple[float, int, int, float]]]:
    """For each person (label → Person): name → (median CPU ms per request, queries, status,
    fastest wall ms) for each URL.

    The URLs are asked in rounds, each person's request for a URL right after the others' (in
    turns, so no one always goes first), so that a burst of other work on the machine lands on
    every page and every person alike rather than deciding one figure or one column."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    clients = {label: client_for(person) for label, person in people.items()}
    queries = {label: {} for label in clients}
    statuses = {label: {} for label in clients}
    for label, client in clients.items():
        for name, url in urls.items():
            for _ in range(2):
                client.get(url)
            with CaptureQueriesContext(connection) as captured:
                statuses[label][name] = client.get(url).status_code
            queries[label][name] = len(captured)  # now: the next request clears the query log
    times = {label: {name: [] for name in urls} for label in clients}
    walls = {label: {name: [] for name in urls} for label in clients}
    turns = list(clients.items())
    for rep in range(reps):
        for name, url in urls.items():
            for label, client in turns[rep % len(turns):] + turns[: rep % len(turns)]:
                started, wall = time.process_time(), time.perf_counter()
                client.get(url)
                times[label][name].append(time.process_time() - started)
                walls[label][name].append(time.perf_counter() - wall)
    # CPU is this process only; wall time also holds the database's work (PostgreSQL runs it
    # in another process), so growth is judged on wall time: the fastest request, as other
    # programs on the machine only ever add to it (a median moved 2× between two runs).
    return {
        label: {
            name: (statistics.median(times[label][name]) * 1000, queries[label][name], statuses[label][name],
                   min(walls[label][name]) * 1000)
            for name in urls
        }
        for label in clients
    }


def client_for(person):
    from django.test import Client

    client = Client()
    client.force_login(person)
    return client


def measure_pages(people: dict, today, reps) -> dict[str, dict[str, tuple[float, int, int, float]]]:
    """Every main page and, in the same rounds, the two floor views, for each person."""
    return measure(people, {**FLOOR_URLS, **dict(pages(today))}, reps)


def run(couples: int, reps: int, *, prepare: bool = True) -> dict:
    from django.db import connection

    from rekindle.lib.dates import local_today

    if prepare:
        _prepare_database()
    today = local_today("UTC")
    started = time.perf_counter()
    (ref_a, _, _), = seed(0, 1, 14, today)
    (day_a, _, _), = seed(1, 1, 1, today)
    (year_a, _, _), = seed(2, 1, 365, today)
    _analyze()
    people = {"small": ref_a, "day": day_a, "year": year_a}
    measure_pages(people, today, 10)  # warm-up, not counted: first requests load code and templates
    before = measure_pages(people, today, reps)
    print(f"bench: {connection.vendor}; seeding {couples:,} couples …", flush=True)
    seeded = time.perf_counter()
    (seed_sql if connection.vendor == "postgresql" else seed)(10, couples, 14, today)
    _analyze()
    seed_seconds = time.perf_counter() - seeded
    # Asked in the same rounds, with the same three people, as the columns before the seeding:
    # measured on its own, every request (the bare view's too) came out up to 1.3× slower.
    large = measure_pages({"large": ref_a, "day": day_a, "year": year_a}, today, reps)["large"]
    return {
        "vendor": connection.vendor,
        "couples": couples,
        "reps": reps,
        "seed_seconds": seed_seconds,
        "total_seconds": time.perf_counter() - started,
        **before,
        "large": large,
    }


def report(result: dict) -> str:
    columns = ("small", "large", "day", "year")
    # Each column's own auth floor, measured in the same rounds as its pages.
    floors = {c: result[c]["auth floor"][0] or 1e-9 for c in columns}
    lines = [
        f"Rekindle bench on {result['vendor']}: {result['couples']:,} extra couples "
        f"(seeded in {result['seed_seconds']:.0f} s), median of {result['reps']} requests",
        "CPU ms per request, median (fastest wall ms in brackets: it includes the database's time); growth on wall time",
        "",
        f"{'page':<14} {'1 couple':>15} {'large':>15} {'growth':>7} {'1 day':>15} {'1 year':>15} {'growth':>7}"
        f" {'vs 2 wk':>7} {'queries':>8} {'× floor':>8}",
    ]

    def cell(m) -> str:
        return f"{m[0]:6.2f} ({m[3]:6.2f})"

    for name in FLOOR_URLS:
        m, big, d, y = (result[c][name] for c in columns)
        lines.append(
            f"{name:<14} {cell(m):>15} {cell(big):>15} {big[3] / m[3]:6.2f}× {cell(d):>15} {cell(y):>15} {'':>7} {'':>7}"
            f" {m[1]:8d} {m[0] / floors['small']:7.1f}×"
        )
    worst_page, worst_ratio = "", 0.0
    worst_growth_name, worst_growth = "", 0.0
    for name, m in result["small"].items():
        if name in FLOOR_URLS:
            continue
        big, d, y = result["large"][name], result["day"][name], result["year"][name]
        # A year against a day, and against the reference couple's two weeks: a first page
        # that is full either way, so that ratio shows what more history alone costs.
        scale, history, beyond_a_page = big[3] / m[3], y[3] / d[3], y[3] / m[3]
        ratio = max(result[c][name][0] / floors[c] for c in columns)
        statuses = {m[2], big[2], d[2], y[2]}
        flag = "" if statuses == {200} else f"  (HTTP {sorted(statuses)})"
        queries = max(m[1], big[1], d[1], y[1])
        lines.append(
            f"{name:<14} {cell(m):>15} {cell(big):>15} {scale:6.2f}× {cell(d):>15} {cell(y):>15} {history:6.2f}×"
            f" {beyond_a_page:6.2f}× {queries:8d} {ratio:7.1f}×{flag}"
        )
        if ratio > worst_ratio:
            worst_page, worst_ratio = name, ratio
        for label, growth in ((f"{name} (size)", scale), (f"{name} (history)", history)):
            if growth > worst_growth:
                worst_growth_name, worst_growth = label, growth
    lines.append("")
    lines.append(f"bench: worst page {worst_page} {worst_ratio:.1f}× auth floor; worst growth {worst_growth_name} {worst_growth:.2f}×")
    return "\n".join(lines)


# ---- load mode ----


def load(seconds: float, clients: int = 100) -> str:
    """`rekindle serve` on 127.0.0.1 (REKINDLE_WORKERS and REKINDLE_THREADS apply, as for an
    operator); `clients` threads read Today and write appreciations."""
    import http.client
    import re
    import socket
    import subprocess
    import threading

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from rekindle.checkins.models import Appreciation
    from rekindle.cli import DEFAULT_THREADS, DEFAULT_WORKERS
    from rekindle.spaces.models import Person

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "REKINDLE_DATA_DIR": str(settings.DATA_DIR)}
    server = subprocess.Popen(
        [sys.executable, "-m", "rekindle", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        people = list(Person.objects.filter(email__endswith="a@bench.test").order_by("pk")[10 : 10 + clients])
        cookies = []
        for person in people:
            session = SessionStore()
            session[SESSION_KEY] = str(person.pk)
            session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]  # a backend the server knows
            session[HASH_SESSION_KEY] = person.get_session_auth_hash()
            session.save()
            cookies.append(f"{settings.SESSION_COOKIE_NAME}={session.session_key}")
        before = Appreciation.objects.count()
        cpu_before = _tree_cpu_seconds(server.pid)
        latencies: list[float] = []
        errors: dict[str, int] = {}  # what went wrong, counted: an HTTP status or an exception name
        written = [0]
        lock = threading.Lock()
        began = time.perf_counter()
        deadline = began + seconds

        def client(cookie: str, number: int) -> None:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            csrf = ""
            i = 0
            while time.perf_counter() < deadline:
                i += 1
                started = time.perf_counter()
                try:
                    headers = {"Cookie": cookie + (f"; {settings.CSRF_COOKIE_NAME}={csrf}" if csrf else "")}
                    if i % 5 == 0 and csrf:
                        body = f"csrfmiddlewaretoken={csrf}&text=Thanks+for+today+{number}-{i}"
                        headers["Content-Type"] = "application/x-www-form-urlencoded"
                        connection.request("POST", "/appreciations/", body=body, headers=headers)
                    else:
                        connection.request("GET", "/today/", headers=headers)
                    response = connection.getresponse()
                    response.read()
                    for header in response.headers.get_all("Set-Cookie") or ():
                        found = re.match(rf"{settings.CSRF_COOKIE_NAME}=([^;]+)", header)
                        if found:
                            csrf = found.group(1)
                    wrote = "Content-Type" in headers
                    ok = response.status == 302 if wrote else response.status == 200
                    with lock:
                        latencies.append(time.perf_counter() - started)
                        if not ok:
                            errors[str(response.status)] = errors.get(str(response.status), 0) + 1
                        elif wrote:
                            written[0] += 1  # the server said it was saved (redirect after POST)
                except (OSError, http.client.HTTPException) as exc:
                    with lock:
                        errors[type(exc).__name__] = errors.get(type(exc).__name__, 0) + 1
                    connection.close()
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

        threads = [threading.Thread(target=client, args=(c, n)) for n, c in enumerate(cookies)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - began
        server_cpu = _tree_cpu_seconds(server.pid) - cpu_before
        stored = Appreciation.objects.count() - before
    finally:
        server.terminate()
        server.wait(timeout=30)
    latencies.sort()
    failed = sum(errors.values())
    detail = f" ({', '.join(f'{n} × {what}' for what, n in sorted(errors.items()))})" if errors else ""
    p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000 if latencies else 0.0  # noqa: E731
    # The server's own CPU per request does not depend on what else the machine is running
    # (the 100 clients here, other programs); requests/s and latencies do.
    workers = os.environ.get("REKINDLE_WORKERS") or DEFAULT_WORKERS
    threads = os.environ.get("REKINDLE_THREADS") or DEFAULT_THREADS
    per_request = f", server CPU {server_cpu / len(latencies) * 1000:.1f} ms a request" if latencies and server_cpu else ""
    return (
        f"load: {len(cookies)} clients × {elapsed:.0f} s, {workers} workers × {threads} threads: {len(latencies) / elapsed:.0f} requests/s{per_request}, "
        f"p50 {p(0.5):.0f} ms, p95 {p(0.95):.0f} ms, {failed} errors{detail}, "
        f"{max(0, written[0] - stored)} lost writes ({written[0]} acknowledged, {stored} stored)"
    )


def _tree_cpu_seconds(pid: int) -> float:
    """CPU seconds used so far by a process and its children (the server's workers), from /proc;
    0 where there is no /proc."""
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    parents: dict[int, int] = {}
    used: dict[int, float] = {}
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else ():
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        parents[int(entry)] = int(fields[1])
        used[int(entry)] = (int(fields[11]) + int(fields[12])) / ticks  # utime + stime
    tree, grew = {pid}, True
    while grew:
        children = {child for child, parent in parents.items() if parent in tree} - tree
        tree |= children
        grew = bool(children)
    return sum(used.get(p, 0.0) for p in tree)


def main() -> int:
    _setup()
    from django.db import connection

    default = 100_000 if connection.vendor == "postgresql" else 2_000
    couples = int(os.environ.get("BENCH_COUPLES") or default)
    reps = int(os.environ.get("BENCH_REPS") or 30)
    result = run(couples, reps)
    text = report(result)
    *table, last = text.splitlines()
    print("\n".join(table))
    if os.environ.get("BENCH_LOAD") == "1":
        print(load(float(os.environ.get("BENCH_LOAD_SECONDS") or 60)), flush=True)
    print(last)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
