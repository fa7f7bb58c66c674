"""Muster settings: one module, driven by environment variables.

Variables (all optional in development):
- ``DEBUG`` (default off), ``SECRET_KEY`` (required when DEBUG is off; ``SECRET_KEY_FILE`` also
  accepted), ``ALLOWED_HOSTS`` (comma-separated), ``DATABASE_URL`` (default: SQLite under var/),
  ``SQLITE_CACHE_MB`` (SQLite's page cache per connection, default 64),
- ``SESSION_IDLE_SECONDS`` (idle session expiry, default 1800), ``LOGIN_MAX_FAILURES``,
  ``LOGIN_MAX_FAILURES_PER_ADDRESS``, ``LOGIN_FAILURE_WINDOW_SECONDS``,
  ``LOGIN_DEVICE_COOKIE_DAYS``, ``LOGIN_CODE_MINUTES`` and ``TRUSTED_PROXIES`` (login
  throttling and one-time login codes, docs/security.md),
- ``SECURE_SSL_REDIRECT`` / ``SECURE_HSTS_SECONDS`` (production hardening, on when DEBUG is off),
- ``AUDIT_KEY_FILE``, ``AUDIT_KEY_AUTOCREATE``, ``AUDIT_UNKEYED_UNTIL``, ``AUDIT_CHECKPOINT_DIR``
  (the audit chain's key and checkpoints, docs/security.md),
- ``DATABASE_REPLICA_URL`` (streaming replicas for report and list reads, comma-separated),
  ``REPLICA_MAX_LAG_SECONDS`` (default 5), ``REPLICA_CHECK_SECONDS`` (default 3),
  ``REPLICA_STICKY_SECONDS`` (default 10), ``DB_CONN_MAX_AGE`` (default 0),
  ``DB_DISABLE_SERVER_SIDE_CURSORS`` (on behind PgBouncer in transaction mode)
  (muster/core/dbrouter.py, docs/deployment.md),
- ``MUSTER_JOB_THREADS`` (default: on only with DEBUG; production runs a worker),
  ``TASKS_BACKEND``, ``MEDIA_ROOT``, ``MUSTER_VAR_DIR``, ``CSRF_TRUSTED_ORIGINS``,
  ``BEHIND_TLS_PROXY``, ``LOG_LEVEL`` (docs/deployment.md lists them all).
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("MUSTER_VAR_DIR", BASE_DIR / "var"))


def env_str(name: str, default: str = "") -> str:
    """Read a string; ``NAME_FILE`` (a path to a secret file) wins over ``NAME``."""
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        return Path(file_path).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use 1/0, true/false)")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer") from exc


DEBUG = env_bool("DEBUG", False)
_DEV_SECRET = "muster-development-only-secret-key-not-for-production-use-0123456789"
SECRET_KEY = env_str("SECRET_KEY", _DEV_SECRET if DEBUG else "")
if not SECRET_KEY:
    if os.environ.get("PYTEST_VERSION") or os.environ.get("MUSTER_ALLOW_DEV_SECRET"):
        SECRET_KEY = _DEV_SECRET
    else:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")

ALLOWED_HOSTS = [
    h.strip()
    for h in env_str("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in env_str("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "muster.core",
    "muster.geo",
    "muster.accounts",
    "muster.audit",
    "muster.people",
    "muster.conscription",
    "muster.health",
    "muster.militia",
    "muster.reserve",
    "muster.mobilisation",
    "muster.rear",
    "muster.defence",
    "muster.education",
    "muster.documents",
    "muster.directives",
    "muster.jobs",
    "muster.reports",
    "muster.portal",
    "muster.api",
    "muster.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "muster.core.dbrouter.ReplicaMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "muster.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "muster.core.middleware.PrivatePagesMiddleware",
    "muster.core.memo.PageMemoMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "muster" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "muster.portal.context_processors.navigation",
                "muster.accounts.context_processors.ended_unit",
            ],
            "string_if_invalid": os.environ.get("MUSTER_TEMPLATE_INVALID", ""),
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'muster.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0),
    )
}
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env_bool(
    "DB_DISABLE_SERVER_SIDE_CURSORS", False
)
# Read replicas (muster/core/dbrouter.py): one alias per URL; only reads a view or selector
# opts into go there, and only while the replica's lag is within REPLICA_MAX_LAG_SECONDS.
REPLICA_DATABASES: list[str] = []
for _url in (u.strip() for u in env_str("DATABASE_REPLICA_URL").split(",")):
    if not _url:
        continue
    _alias = "replica" if not REPLICA_DATABASES else f"replica{len(REPLICA_DATABASES) + 1}"
    DATABASES[_alias] = dj_database_url.parse(_url, conn_max_age=env_int("DB_CONN_MAX_AGE", 0))
    DATABASES[_alias]["DISABLE_SERVER_SIDE_CURSORS"] = DATABASES["default"][
        "DISABLE_SERVER_SIDE_CURSORS"
    ]
    DATABASES[_alias].setdefault("OPTIONS", {}).setdefault("connect_timeout", 3)
    DATABASES[_alias]["TEST"] = {"MIRROR": "default"}
    REPLICA_DATABASES.append(_alias)
DATABASE_ROUTERS = ["muster.core.dbrouter.ReplicaRouter"]
REPLICA_MAX_LAG_SECONDS = env_int("REPLICA_MAX_LAG_SECONDS", 5)
REPLICA_CHECK_SECONDS = env_int("REPLICA_CHECK_SECONDS", 3)
REPLICA_STICKY_SECONDS = env_int("REPLICA_STICKY_SECONDS", 10)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            # cache_size: SQLite's default page cache is 2 MB per connection; the registry's
            # indexes outgrow it on any bulk write (an import of 100,000 rows re-reads evicted
            # index pages: 2.7 s with 2 MB, 1.4 s with 64 MB). Memory is taken only as used.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            f"PRAGMA cache_size=-{env_int('SQLITE_CACHE_MB', 64) * 1024};",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if os.environ.get("PYTEST_VERSION"):
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"
# Login throttling (muster/accounts/throttle.py, docs/security.md): failures per user name and
# per device cookie (LOGIN_MAX_FAILURES), per client address (LOGIN_MAX_FAILURES_PER_ADDRESS),
# within the window. TRUSTED_PROXIES (addresses or networks, comma-separated) are the reverse
# proxies whose X-Forwarded-For names the real client.
LOGIN_MAX_FAILURES = env_int("LOGIN_MAX_FAILURES", 5)
LOGIN_MAX_FAILURES_PER_ADDRESS = env_int("LOGIN_MAX_FAILURES_PER_ADDRESS", 20)
LOGIN_FAILURE_WINDOW_SECONDS = env_int("LOGIN_FAILURE_WINDOW_SECONDS", 900)
LOGIN_DEVICE_COOKIE_DAYS = env_int("LOGIN_DEVICE_COOKIE_DAYS", 180)
# How long a one-time login code issued by the administrator stays valid (accounts.LoginCode).
LOGIN_CODE_MINUTES = env_int("LOGIN_CODE_MINUTES", 60)
TRUSTED_PROXIES = [p.strip() for p in env_str("TRUSTED_PROXIES", "").split(",") if p.strip()]

# Sessions expire after SESSION_IDLE_SECONDS without a request, and at browser close.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 1800)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
FORMAT_MODULE_PATH = ["config.formats"]
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "muster" / "static"]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or os.environ.get("PYTEST_VERSION")
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Requests per minute an API token may make (muster.api.framework): 429 beyond.
API_RATE_PER_MINUTE = env_int("API_RATE_PER_MINUTE", 600)

# Security headers; production hardening is on whenever DEBUG is off.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (django-csp): scripts, styles, fonts and images from Muster's own
# static files only; no inline script, handler or style attribute anywhere (page scripts are
# static files, tests/core/test_security_headers.py). A response that streams its own script
# (the progress of a big import) uses the request's nonce, which django-csp then adds.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],  # Bootstrap's form controls draw with data: SVG
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Permissions-Policy: Muster uses no device or sensor feature (muster.core.middleware).
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), browsing-topics=(), camera=(), display-capture=(), "
    "geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), "
    "publickey-credentials-get=(), screen-wake-lock=(), serial=(), usb=(), xr-spatial-tracking=()"
)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Background jobs (muster.jobs) run through Django's tasks framework (the django-tasks backport).
# The default backend keeps the queue in the database; `manage.py db_worker` (or `run_jobs`)
# drains it. Another backend (a real queue) is a matter of TASKS alone. With
# MUSTER_JOB_THREADS on, the web process also starts a thread that drains the database queue
# after each job it queues, so a single `runserver` (the demo) needs no separate worker; it is
# on by default only with DEBUG (production runs `manage.py run_jobs` as its own service,
# deploy/muster-worker.service).
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}
MUSTER_JOB_THREADS = env_bool("MUSTER_JOB_THREADS", DEBUG)

# The audit chain's key (muster/audit/keys.py, docs/security.md): a file outside the database.
# Development and tests create var/audit.key on first use; production must provide the file
# (`manage.py audit_key --create PATH`). AUDIT_UNKEYED_UNTIL: the last event written before the
# chain had a key (plain SHA-256 is accepted up to it); AUDIT_CHECKPOINT_DIR: where
# `manage.py audit_checkpoint` writes the signed heads (copy them off this machine).
AUDIT_KEY_FILE = Path(env_str("AUDIT_KEY_FILE", "") or VAR_DIR / "audit.key")
AUDIT_KEY_AUTOCREATE = env_bool(
    "AUDIT_KEY_AUTOCREATE", DEBUG or bool(os.environ.get("PYTEST_VERSION"))
)
AUDIT_UNKEYED_UNTIL = env_int("AUDIT_UNKEYED_UNTIL", 0)
AUDIT_CHECKPOINT_DIR = Path(env_str("AUDIT_CHECKPOINT_DIR", "") or VAR_DIR / "audit-checkpoints")

# Demo data is labelled synthetic everywhere it shows.
MUSTER_DEMO_SEED = env_int("MUSTER_DEMO_SEED", 2025)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
