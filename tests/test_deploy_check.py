"""`rekindle manage check --deploy` with the production values from .env.example: no warnings."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def production_env(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REKINDLE_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line.startswith("#PROD "):
            name, _, value = line.removeprefix("#PROD ").partition("=")
            env[name.strip()] = value.strip()
    env["REKINDLE_DATA_DIR"] = str(tmp_path)
    return env


def test_production_settings_pass_the_deploy_check_without_warnings(tmp_path):
    env = production_env(tmp_path)
    assert env["REKINDLE_BEHIND_HTTPS_PROXY"] == "true"
    result = subprocess.run(
        [sys.executable, "-m", "rekindle", "manage", "check", "--deploy", "--fail-level", "WARNING"],
        env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout + result.stderr


def test_behind_https_the_settings_turn_on_hsts_and_the_redirect(tmp_path):
    env = production_env(tmp_path)
    env["REKINDLE_HSTS_SECONDS"] = "600"
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='rekindle.settings'; "
        "from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.SECURE_HSTS_INCLUDE_SUBDOMAINS)"
    )
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == ["600", "True", "True", "True"], result.stderr


def _database_options(tmp_path, **extra) -> str:
    env = {**production_env(tmp_path), "DATABASE_URL": "postgres://rekindle@127.0.0.1:5432/rekindle", **extra}
    code = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE']='rekindle.settings'; "
        "from django.conf import settings as s; o = s.DATABASES['default'].get('OPTIONS', {}); "
        "print(o.get('server_side_binding'), o.get('prepare_threshold'))"
    )
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_postgresql_keeps_repeated_queries_prepared_unless_turned_off(tmp_path):
    assert _database_options(tmp_path) == "True 5"
    assert _database_options(tmp_path, REKINDLE_PG_PREPARED="false") == "None None"
