"""Django settings for ctct, read from the environment (see README, "Configuration").

Every variable has a safe default for the embedded demo (SQLite under ./var/, debug off,
plain HTTP on 127.0.0.1). ``CTCT_ENV=production`` switches on the production profile.
"""

from __future__ import annotations

import os
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("CTCT_VAR_DIR", Path.cwd() / "var")).resolve()

env = environ.Env()

CTCT_ENV = env.str("CTCT_ENV", default="development")
if CTCT_ENV not in {"development", "production", "test"}:
    raise ImproperlyConfigured(
        f"CTCT_ENV must be development, production or test, not {CTCT_ENV!r}"
    )
PRODUCTION = CTCT_ENV == "production"


def _secret_key() -> str:
    """The key comes from CTCT_SECRET_KEY or a file named by CTCT_SECRET_KEY_FILE.

    Outside production a per-installation key is created under var/ so sessions survive
    restarts without anyone having to invent a secret for the demo.
    """
    if key := env.str("CTCT_SECRET_KEY", default=""):
        return key
    if path := env.str("CTCT_SECRET_KEY_FILE", default=""):
        return Path(path).read_text().strip()
    if PRODUCTION:
        raise ImproperlyConfigured("CTCT_SECRET_KEY (or CTCT_SECRET_KEY_FILE) must be set")
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        from django.core.management.utils import get_random_secret_key

        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(get_random_secret_key())
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env.bool("CTCT_DEBUG", default=False)
ALLOWED_HOSTS = env.list("CTCT_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CTCT_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "ctct.core.admin_site.CtctAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "treebeard",
    "simple_history",
    "axes",
    "django_htmx",
    "csp",
    "django_tasks",
    "ctct.core",
    "ctct.accounts",
    "ctct.bodies",
    "ctct.people",
    "ctct.documents",
    "ctct.conferences",
    "ctct.resolutions",
    "ctct.ratings",
    "ctct.congresses",
    "ctct.imports",
    "ctct.search",
    "ctct.devtools",
    # after ctct.imports, whose db_worker command (beats, takes up dead workers' tasks) wins
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ctct.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "ctct.core.middleware.ScopeMiddleware",
    # Last, so lockouts are answered after everything else has seen the request.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ctct.urls"
WSGI_APPLICATION = "ctct.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            # {% form_token_field %} in every template, like {% csrf_token %}.
            "builtins": ["ctct.core.templatetags.ctct_forms"],
        },
    },
]

# --- Database -------------------------------------------------------------------------
_default_sqlite = f"sqlite:///{VAR_DIR / 'ctct.sqlite3'}"
DATABASES = {"default": env.db_url("DATABASE_URL", default=_default_sqlite)}
_db = DATABASES["default"]
if _db["ENGINE"] == "django.db.backends.sqlite3":
    if _db["NAME"] not in ("", ":memory:"):
        Path(_db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets readers and the writer work at once; IMMEDIATE takes the write lock at
    # BEGIN so two writers queue on busy_timeout instead of failing half-way.
    _db["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;"
            "PRAGMA busy_timeout=20000;PRAGMA foreign_keys=ON;"
            "PRAGMA cache_size=-65536;PRAGMA temp_store=MEMORY;"
        ),
    }
else:
    _db.setdefault("CONN_MAX_AGE", env.int("CTCT_DB_CONN_MAX_AGE", default=60))
    _db.setdefault("CONN_HEALTH_CHECKS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Auth -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling (django-axes): lock a user name + address pair after repeated failures.
AXES_FAILURE_LIMIT = env.int("CTCT_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("CTCT_LOGIN_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

# --- Internationalization ------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("CTCT_TIME_ZONE", default="Asia/Ho_Chi_Minh")
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("CTCT_STATIC_ROOT", default=str(VAR_DIR / "static")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:  # whitenoise expects the folder even when it serves from the app dirs
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_ROOT = Path(env.str("CTCT_MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "media/"

# Uploads: refuse anything over the limit before it is read into memory.
CTCT_MAX_UPLOAD_MB = env.int("CTCT_MAX_UPLOAD_MB", default=20)
# Imports: one archive may hold thousands of reports; each report obeys the file limit.
CTCT_MAX_IMPORT_MB = env.int("CTCT_MAX_IMPORT_MB", default=500)
CTCT_IMPORT_DIR = Path(env.str("CTCT_IMPORT_DIR", default=str(VAR_DIR / "imports")))
# A background worker or an import run that has not said it is alive for this long is taken
# for dead: its task runs again, its batch is closed.
CTCT_WORKER_LEASE_SECONDS = env.float("CTCT_WORKER_LEASE_SECONDS", default=60.0)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Background jobs: django.tasks with the database backend (run workers with `ctct db_worker`).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Security -----------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.int("CTCT_SESSION_AGE_SECONDS", default=8 * 3600)
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "ctct.core.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (django-csp): scripts, styles, images and forms from this site only;
# no inline script, style attribute or eval anywhere (page behaviour is in static/ctct/app.js).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("CTCT_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("CTCT_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# --- Logging ---------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("CTCT_LOG_LEVEL", default="WARNING")},
}

# --- ctct ------------------------------------------------------------------------------
# The page size of lists (bodies, people); search results stop at CTCT_SEARCH_LIMIT.
CTCT_PAGE_SIZE = 50
CTCT_SEARCH_LIMIT = 20

# Party document numbers run through a committee's term (DOMAIN.md). A body with no recorded
# Term uses these national terms: (label, first day, last day).
CTCT_PARTY_TERMS = [
    ("2015-2020", "2015-07-01", "2020-06-30"),
    ("2020-2025", "2020-07-01", "2025-06-30"),
    ("2025-2030", "2025-07-01", "2030-06-30"),
    ("2030-2035", "2030-07-01", "2035-06-30"),
]
