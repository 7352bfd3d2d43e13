"""One settings module, configured by environment variables (see .env.example).

Bad values fail loudly at start-up instead of surprising someone later.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from rekindle.lib.datadir import data_dir_from_env, load_or_create_secret_key

BASE_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DATA_DIR = data_dir_from_env()
TESTING = env_bool("REKINDLE_TESTING", False)

DEBUG = env_bool("REKINDLE_DEBUG", False)
SECRET_KEY = os.environ.get("REKINDLE_SECRET_KEY") or load_or_create_secret_key(DATA_DIR)
ALLOWED_HOSTS = env_list("REKINDLE_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("REKINDLE_CSRF_TRUSTED_ORIGINS", [])
# The address people use to reach this server (invite links are built from it), e.g.
# http://192.168.1.20:8000 at home or https://rekindle.example.org. Empty: the address of each request.
PUBLIC_URL = os.environ.get("REKINDLE_PUBLIC_URL", "").strip().rstrip("/")
if PUBLIC_URL:
    _public = urlsplit(PUBLIC_URL)
    if _public.scheme not in {"http", "https"} or not _public.hostname or _public.path or _public.query:
        raise ImproperlyConfigured(
            "REKINDLE_PUBLIC_URL must be an address like http://192.168.1.20:8000 or https://rekindle.example.org"
        )
    _public_host = f"[{_public.hostname}]" if ":" in _public.hostname else _public.hostname
    if _public_host not in ALLOWED_HOSTS and "*" not in ALLOWED_HOSTS:
        ALLOWED_HOSTS.append(_public_host)
    if PUBLIC_URL not in CSRF_TRUSTED_ORIGINS:
        CSRF_TRUSTED_ORIGINS.append(PUBLIC_URL)
SECURE_COOKIES = env_bool("REKINDLE_SECURE_COOKIES", False)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 30
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
BEHIND_HTTPS_PROXY = env_bool("REKINDLE_BEHIND_HTTPS_PROXY", False)
if BEHIND_HTTPS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    # HSTS: browsers refuse plain HTTP to this host for this long (seconds; 0 turns it off).
    SECURE_HSTS_SECONDS = env_int("REKINDLE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("REKINDLE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("REKINDLE_HSTS_PRELOAD", True)
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# A strict Content-Security-Policy on every response (django-csp): no inline script or style,
# no eval; JavaScript and CSS come only from this server's static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
# Turn off browser features the app never uses. Passkeys (publickey-credentials-*) and the
# clipboard (the "copy the link" button) stay on for this site only.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "ambient-light-sensor", "autoplay", "browsing-topics", "camera", "display-capture",
        "encrypted-media", "fullscreen", "geolocation", "gyroscope", "hid",
        "idle-detection", "magnetometer", "microphone", "midi", "payment", "picture-in-picture",
        "screen-wake-lock", "serial", "usb", "web-share", "xr-spatial-tracking",
    )
}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "csp",
    "django_htmx",
    "rekindle.spaces",
    "rekindle.checkins",
    "rekindle.care",
    "rekindle.prompts",
    "rekindle.programs",
    "rekindle.rituals",
    "rekindle.together",
    "rekindle.dates",
    "rekindle.listening",
    "rekindle.gentle",
    "rekindle.navigation",
    "rekindle.news",
    "rekindle.memories",
    "rekindle.measures",
    "rekindle.goals",
    "rekindle.wellbeing",
    "rekindle.portability",
    "django_tasks",
    "django_tasks_db",
    "rekindle.reminders",
    "ninja",  # its vendored Swagger UI for /api/docs (no CDN)
    "rekindle.api",
    "rekindle.leaving",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "rekindle.lib.security.NoStoreMiddleware",
    "rekindle.lib.security.KnownDeviceMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "rekindle.spaces.middleware.PersonTimezoneMiddleware",
]

ROOT_URLCONF = "rekindle.urls"
FORM_RENDERER = "rekindle.lib.form_rendering.Renderer"  # templates/django/forms/ restyle fields; the common ones in Python
WSGI_APPLICATION = "rekindle.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "builtins": ["rekindle.lib.url_tag"],  # {% url %} remembers addresses written out in full
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "rekindle.care.context_processors.quick_exit",
                "rekindle.navigation.context_processors.navigation",
                "rekindle.news.context_processors.news_unread",
            ],
        },
    }
]

# SQLite by default (in the data directory); DATABASE_URL switches to PostgreSQL.
_database_url = os.environ.get("DATABASE_URL", "").strip()
if _database_url:
    if not _database_url.startswith(("postgres://", "postgresql://", "sqlite://")):
        raise ImproperlyConfigured("DATABASE_URL must start with postgres://, postgresql:// or sqlite://")
    # Persistent connections (reused for 10 minutes, checked before reuse after an error).
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=600, conn_health_checks=True)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool("REKINDLE_PG_PREPARED", True):
        # Values sent apart from the SQL, and each query the connection has run five times kept
        # planned: most of a page's PostgreSQL time was planning the same few queries again
        # (Today's database time 4.0 → 1.7 ms). Behind PgBouncer in transaction mode this needs
        # PgBouncer 1.21+ with max_prepared_statements, or REKINDLE_PG_PREPARED=false.
        DATABASES["default"].setdefault("OPTIONS", {}).update({"server_side_binding": True, "prepare_threshold": 5})
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "rekindle.sqlite3",
            # Kept open too: a new SQLite connection reads the schema and starts with an empty
            # page cache, which cost more than the whole page it served (11 ms against 6).
            "CONN_MAX_AGE": 600,
            "CONN_HEALTH_CHECKS": True,
        }
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    DATABASES["default"]["TEST"] = {"NAME": None}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
        if TESTING
        else {
            # Shared by every server worker, so rate limits hold across processes.
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": DATA_DIR / "cache",
        }
    )
}

AUTH_USER_MODEL = "spaces.Person"
AUTHENTICATION_BACKENDS = [
    "rekindle.spaces.auth.PersonBackend",
    "rekindle.spaces.auth.AllauthPersonBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "today"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_SIGNUP_FORM_CLASS = "rekindle.spaces.forms.SignupExtraForm"
ACCOUNT_FORMS = {"signup": "rekindle.spaces.signup_form.SignupForm"}
ACCOUNT_ADAPTER = "rekindle.spaces.signups.AccountAdapter"
ACCOUNT_EMAIL_VERIFICATION = os.environ.get("REKINDLE_EMAIL_VERIFICATION", "optional")
if ACCOUNT_EMAIL_VERIFICATION not in {"none", "optional", "mandatory"}:
    raise ImproperlyConfigured("REKINDLE_EMAIL_VERIFICATION must be none, optional or mandatory")
ACCOUNT_LOGIN_ON_PASSWORD_RESET = True
ACCOUNT_SESSION_REMEMBER = True
ACCOUNT_PREVENT_ENUMERATION = True
# Wrong passwords. Per address, a stepped back-off: 10 a minute, then 30 an hour, then 100 a day.
# Per account ("key"), 10 in 15 minutes from browsers that have never signed in to it. A browser
# that has signed in to the account before (a signed cookie) has its own 10 in 15 minutes instead
# of both, so nobody guessing elsewhere, or on the same household network, can lock the owner out;
# and "Forgot your password?" always works and clears the count. See rekindle/lib/security.py.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,30/h/ip,100/d/ip",
    "login_failed_account": "10/15m/key",
    "login_failed_known": "10/15m/key",
    "signup": "20/h/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
if TESTING:
    ACCOUNT_RATE_LIMITS = {
        "login_failed": "100/m/ip",
        "login_failed_account": "5/5m/key",
        "login_failed_known": "5/5m/key",
    }
KNOWN_DEVICE_COOKIE_AGE = 60 * 60 * 24 * 365

# Two-factor sign-in (allauth.mfa): an authenticator app (TOTP) with recovery codes, and passkeys.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = "Rekindle"
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG or TESTING  # http://localhost in development and tests
# When on, operator (staff) accounts must set up two-factor sign-in before /operator/ opens.
OPERATOR_MFA_REQUIRED = env_bool("REKINDLE_OPERATOR_MFA_REQUIRED", False)

# The monthly Couples Satisfaction Index (CSI-4; free for research and clinical use). An
# operator may switch it off; the closeness circles and the weekly question stay.
MEASURES_CSI4_ENABLED = env_bool("REKINDLE_MEASURES_CSI4", True)
# Where a person is signed in (allauth.usersessions); changing the password ends the others.
USERSESSIONS_TRACK_ACTIVITY = False  # a write on every request would break the page query budget
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False

ACCOUNT_EMAIL_SUBJECT_PREFIX = "Rekindle: "

# Mail: SMTP when a host is set, otherwise files in the data directory.
EMAIL_HOST = os.environ.get("REKINDLE_SMTP_HOST", "")
DEFAULT_FROM_EMAIL = os.environ.get("REKINDLE_FROM_EMAIL", "Rekindle <rekindle@localhost>")
if TESTING:
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
elif EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("REKINDLE_SMTP_PORT", 587)
    EMAIL_HOST_USER = os.environ.get("REKINDLE_SMTP_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("REKINDLE_SMTP_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("REKINDLE_SMTP_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = DATA_DIR / "mail"
# Without SMTP, mail is written to files; pages that mention mail say so instead of "sent".
MAIL_STAYS_ON_SERVER = EMAIL_BACKEND.endswith("filebased.EmailBackend")

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = DATA_DIR / "media"
# Photos: a folder in the data directory, served only through an access-checked view (there is
# no MEDIA_URL). To keep them in object storage instead, name a Django storage backend here,
# e.g. REKINDLE_PHOTO_STORAGE=storages.backends.s3.S3Storage (install django-storages), with its
# options as JSON in REKINDLE_PHOTO_STORAGE_OPTIONS.
PHOTO_STORAGE = os.environ.get("REKINDLE_PHOTO_STORAGE", "").strip() or "django.core.files.storage.FileSystemStorage"
try:
    PHOTO_STORAGE_OPTIONS = json.loads(os.environ.get("REKINDLE_PHOTO_STORAGE_OPTIONS", "").strip() or "{}")
except json.JSONDecodeError as exc:
    raise ImproperlyConfigured(f"REKINDLE_PHOTO_STORAGE_OPTIONS must be a JSON object: {exc}") from None
if not isinstance(PHOTO_STORAGE_OPTIONS, dict):
    raise ImproperlyConfigured("REKINDLE_PHOTO_STORAGE_OPTIONS must be a JSON object, like {\"bucket_name\": \"photos\"}.")
if PHOTO_STORAGE == "django.core.files.storage.FileSystemStorage":
    PHOTO_STORAGE_OPTIONS = {"location": MEDIA_ROOT, "base_url": None, "file_permissions_mode": 0o600,
                             "directory_permissions_mode": 0o700, **PHOTO_STORAGE_OPTIONS}

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": MEDIA_ROOT}},
    "photos": {"BACKEND": PHOTO_STORAGE, "OPTIONS": PHOTO_STORAGE_OPTIONS},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if TESTING
            else "rekindle.lib.staticfiles.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = TESTING

# Where the quick-exit button goes: an ordinary, neutral page.
QUICK_EXIT_URL = os.environ.get("REKINDLE_QUICK_EXIT_URL", "https://www.bbc.com/weather")

# Background work (reminders) through Django's tasks API (django-tasks), kept in the database.
# `rekindle serve` runs one worker in its own process unless REKINDLE_SERVE_WORKER=false;
# `rekindle worker` runs more, separately.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
SERVE_WORKER = env_bool("REKINDLE_SERVE_WORKER", True)
# Web Push: reminders also appear on phones where Rekindle is installed and the person allows it.
# The server's VAPID keys are made on first use and kept in the data directory.
WEB_PUSH = env_bool("REKINDLE_WEB_PUSH", False)

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"  # read from the cache, kept in the database

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("REKINDLE_LOG_LEVEL", "WARNING")},
}
