"""The `rekindle` command, run as a person would run it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from rekindle.cli import build_parser


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def clean_env(data_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REKINDLE_", "DJANGO_", "DATABASE_URL"))}
    env["REKINDLE_DATA_DIR"] = str(data_dir)
    return env


def wait_for(url: str, timeout: float = 30) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer within {timeout}s")


def serve(data_dir: Path, port: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "rekindle", "serve", "--port", str(port), "--workers", "1"],
        env=clean_env(data_dir),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def stop(process: subprocess.Popen) -> str:
    process.send_signal(signal.SIGTERM)
    output, _ = process.communicate(timeout=20)
    return output


def test_serve_sets_up_serves_stops_cleanly_and_keeps_data(tmp_path):
    data_dir = tmp_path / "data"
    port = free_port()
    process = serve(data_dir, port)
    try:
        assert wait_for(f"http://127.0.0.1:{port}/") == 200
        assert wait_for(f"http://127.0.0.1:{port}/static/rekindle/rekindle.css") == 200
    finally:
        output = stop(process)
    assert process.returncode == 0, output
    assert f"http://127.0.0.1:{port}" in output
    key = (data_dir / "secret_key").read_text()
    assert len(key) > 40 and (data_dir / "secret_key").stat().st_mode & 0o077 == 0
    assert (data_dir / "rekindle.sqlite3").exists()

    # Add someone, restart, and they are still there with the same key.
    subprocess.run(
        [sys.executable, "-m", "rekindle", "manage", "shell", "-c",
         "from rekindle.spaces.models import Person; Person.objects.create_user('kept@example.test', 'pw-long-enough', display_name='Kept')"],
        env=clean_env(data_dir), check=True,
    )
    process = serve(data_dir, port)
    try:
        wait_for(f"http://127.0.0.1:{port}/")
        count = subprocess.run(
            [sys.executable, "-m", "rekindle", "manage", "shell", "-c",
             "from rekindle.spaces.models import Person; print(Person.objects.filter(email='kept@example.test').count())"],
            env=clean_env(data_dir), check=True, capture_output=True, text=True,
        ).stdout.strip().splitlines()[-1]
    finally:
        stop(process)
    assert count == "1"
    assert (data_dir / "secret_key").read_text() == key


def test_demo_prints_two_logins_that_work(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "rekindle", "demo"], env=clean_env(tmp_path), capture_output=True, text=True, check=True
    )
    lines = [line for line in result.stdout.splitlines() if "password:" in line]
    assert len(lines) == 2
    email, password = lines[0].split("e-mail:")[1].split("password:")
    check = subprocess.run(
        [sys.executable, "-m", "rekindle", "manage", "shell", "-c",
         "from django.contrib.auth import authenticate; from rekindle.checkins.models import CheckIn;"
         f"print(authenticate(email='{email.strip()}', password='{password.strip()}') is not None, CheckIn.objects.count())"],
        env=clean_env(tmp_path), capture_output=True, text=True, check=True,
    ).stdout.splitlines()[-1].split()
    assert check[0] == "True" and int(check[1]) >= 20


def test_bad_settings_fail_loudly(tmp_path):
    env = clean_env(tmp_path) | {"REKINDLE_DEBUG": "maybe"}
    result = subprocess.run(
        [sys.executable, "-m", "rekindle", "manage", "check"], env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "REKINDLE_DEBUG must be true or false" in result.stderr


def test_help_lists_the_commands():
    text = build_parser().format_help()
    for command in ("serve", "demo", "manage"):
        assert command in text


@pytest.mark.django_db
def test_demo_history_is_believable():
    from rekindle.lib.demo import load_demo
    from rekindle.spaces.models import Person
    from rekindle.spaces.selectors import couple_for

    logins = load_demo()
    sam = Person.objects.get(email=logins[0].email)
    couple = couple_for(sam)
    assert couple.partner is not None
    assert sam.checkins.count() >= 15 and sam.appreciations.exists()
    assert not sam.checkins.filter(local_date=sam.today()).exists()  # today is left for the visitor
    load_demo()  # running it again starts fresh instead of failing
    assert Person.objects.filter(email=logins[0].email).count() == 1


def test_a_public_url_is_checked_and_trusted(tmp_path):
    bad = clean_env(tmp_path) | {"REKINDLE_PUBLIC_URL": "192.168.1.20:8000"}
    result = subprocess.run([sys.executable, "-m", "rekindle", "manage", "check"], env=bad, capture_output=True, text=True)
    assert result.returncode != 0 and "REKINDLE_PUBLIC_URL must be an address like" in result.stderr
    good = clean_env(tmp_path) | {"REKINDLE_PUBLIC_URL": "http://192.168.1.20:8000/"}
    script = "from django.conf import settings as s; print(s.PUBLIC_URL, s.ALLOWED_HOSTS[-1], s.CSRF_TRUSTED_ORIGINS)"
    result = subprocess.run([sys.executable, "-m", "rekindle", "manage", "shell", "-c", script], env=good,
                            capture_output=True, text=True)
    assert result.stdout.strip().splitlines()[-1].split() == ["http://192.168.1.20:8000", "192.168.1.20", "['http://192.168.1.20:8000']"]
