"""ExportPilot settings, read from the environment.

The variables that matter: ``DATABASE_URL`` (SQLite in the data directory by
default, PostgreSQL in production), ``SECRET_KEY``, ``DEBUG``, ``ALLOWED_HOSTS``
and ``EXPORTPILOT_DATA_DIR`` (database, uploads, the trade-data store).
``EXPORTPILOT_ENV=production`` asks for a ``SECRET_KEY`` from the environment,
turns ``DEBUG`` off and the HTTPS settings on (``EXPORTPILOT_HTTPS``): secure
``__Host-`` cookies, HSTS, redirects to HTTPS, the proxy's
``X-Forwarded-Proto``. docs/operations/production.md lists every variable.
"""

from __future__ import annotations

import datetime as dt
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from exportpilot.lib.env import envbool, envint, envlist, envstr

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(
    envstr("EXPORTPILOT_DATA_DIR", str(BASE_DIR / "var" / "data"))
).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)
TRADE_STORE_DIR = DATA_DIR / "trade"
UPLOAD_DIR = DATA_DIR / "uploads"


def _secret_key() -> str:
    """The key from the environment, or one kept in the data directory.

    A key kept on disk survives restarts of the embedded default, so sessions and
    signed links stay valid; production sets ``SECRET_KEY``.
    """
    from_env = envstr("SECRET_KEY", "")
    if from_env:
        return from_env
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


PRODUCTION = envstr("EXPORTPILOT_ENV", "development") == "production"
if PRODUCTION and len(envstr("SECRET_KEY", "")) < 50:
    raise ImproperlyConfigured(
        "EXPORTPILOT_ENV=production needs SECRET_KEY in the environment "
        "(50 or more random characters)"
    )
SECRET_KEY = _secret_key()
DEBUG = False if PRODUCTION else envbool("DEBUG", False)
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "django_htmx",
    "ninja",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "exportpilot.accounts",
    "exportpilot.audit",
    "exportpilot.jobs",
    "exportpilot.companies",
    "exportpilot.assessments",
    "exportpilot.markets",
    "exportpilot.home",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "exportpilot.lib.staticfiles.StaticFilesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "exportpilot.lib.languages.StaffLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "exportpilot.lib.middleware.RejectNulCharactersMiddleware",
    "exportpilot.accounts.middleware.IdleTimeoutMiddleware",
    "exportpilot.accounts.middleware.WorkspaceMiddleware",
    "exportpilot.accounts.mfa.middleware.MfaRequiredMiddleware",
    "axes.middleware.AxesMiddleware",
    "csp.middleware.CSPMiddleware",
    "exportpilot.lib.middleware.NoStoreMiddleware",
]

ROOT_URLCONF = "exportpilot.urls"
WSGI_APPLICATION = "exportpilot.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "exportpilot" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "exportpilot.accounts.context_processors.workspace",
                "exportpilot.lib.languages.staff_languages",
                "csp.context_processors.nonce",
            ],
            "libraries": {"formats": "exportpilot.lib.formats"},
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'exportpilot.sqlite3'}",
        # Reconnecting costs PostgreSQL a new backend with cold caches (about
        # 100 ms on the next request), so connections live ten minutes, checked
        # before reuse.
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", 600),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the job worker writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"

# Brute force (SECURITY.md G-AUTH-2): five failed logins for a username lock it
# for 15 minutes (429 and a page that says so); a success resets the count.
# Unlock early with `manage.py axes_reset_username USERNAME`.
# Usernames match as accounts.auth.normalize_login says (NFKC, trimmed, any
# case) in the backend and in the lockout, so `HUB`, `ｈｕｂ` and ` hub ` are
# all `hub` (issue 16).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "exportpilot.accounts.auth.CaseInsensitiveModelBackend",
]
AXES_USERNAME_CALLABLE = "exportpilot.accounts.auth.axes_username"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False  # no banner on every start; failures and lockouts are still logged
# axes.W006 asks for the IP address among the parameters; a municipal office
# behind one address would then lock out together (docs/decisions/0007).
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
LOGIN_REDIRECT_URL = "home:home"
# Invitation (welcome) and reset links end after 72 hours, and when used.
PASSWORD_RESET_TIMEOUT = 72 * 60 * 60
LOGOUT_REDIRECT_URL = "accounts:login"
# Passwords (SECURITY.md G-AUTH-3): Argon2id first; PBKDF2 hashes (older
# accounts, the demo's) still verify and are re-hashed with Argon2 at the next
# login. The validators apply when a password is chosen, not to existing ones.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# Second factor (SECURITY.md G-AUTH-1, accounts/mfa/): TOTP codes, with
# single-use recovery codes. Each failed code doubles the wait before the next
# try (1 s, 2 s, 4 s, ...), so guessing 10^6 codes is out of reach; a correct
# code resets it.
OTP_TOTP_ISSUER = "ExportPilot"
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
MFA_RECOVERY_CODES = 10
# Administrators (and every role where the workspace asks it) must set up a
# second factor before anything else. Only the test suite turns this off, for
# the tests that are not about MFA (conftest.py); a user with an authenticator
# is asked for a code either way.
MFA_REQUIRED_FOR_STAFF = True
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

SESSION_COOKIE_AGE = 12 * 60 * 60  # the absolute limit of a login
SESSION_IDLE_TIMEOUT = dt.timedelta(
    minutes=30
)  # accounts.middleware.IdleTimeoutMiddleware
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Behind HTTPS (SECURITY.md G-WEB-1): the reverse proxy ends TLS and says so in
# X-Forwarded-Proto (it must set the header itself, never pass the client's);
# cookies are Secure with the __Host- prefix (no Domain, Path=/), HSTS for a
# year with subdomains, plain HTTP is redirected. SECURE_COOKIES is the older
# name of the switch.
HTTPS = envbool("EXPORTPILOT_HTTPS", envbool("SECURE_COOKIES", PRODUCTION))
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
if HTTPS:
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 365 * 24 * 60 * 60)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", True)

# Content Security Policy (django-csp 4, G-WEB-2): only our own files; the two
# inline chart scripts carry the request's nonce (`{{ CSP_NONCE }}`), event
# handlers live in static/js/exportpilot.js. Styles allow inline because Plotly
# and htmx add <style> elements and the score bars set their width inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

LANGUAGE_CODE = "da"
LANGUAGES = [
    ("da", _("Danish")),
    ("en", _("English")),
    ("de", _("German")),
    ("zh-hans", _("Simplified Chinese")),
]
# Staff pages ship in Danish and English; SME- and partner-facing pages in all four.
STAFF_LANGUAGES = ["da", "en"]
LOCALE_PATHS = [BASE_DIR / "exportpilot" / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "exportpilot" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names, compressed, a year's cache (exportpilot/lib/staticfiles.py).
    "staticfiles": {"BACKEND": "exportpilot.lib.staticfiles.ManifestStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG
# Pages name static files by their hash only; the plain copies need no
# compressing and no serving.
WHITENOISE_KEEP_ONLY_HASHED_FILES = True

MEDIA_ROOT = UPLOAD_DIR
# Uploads above this size are refused before they are read (bytes).
MAX_UPLOAD_BYTES = envint("EXPORTPILOT_MAX_UPLOAD_BYTES", 512 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Trade zips: a member may inflate to at most this many bytes, all members of
# one archive to the total, and none more than the ratio times its compressed
# size (zip bombs; engine.trade.zips.ZipLimits has the same defaults).
TRADE_ZIP_MAX_BYTES = envint("EXPORTPILOT_ZIP_MAX_BYTES", 4 << 30)
TRADE_ZIP_MAX_TOTAL_BYTES = envint("EXPORTPILOT_ZIP_MAX_TOTAL_BYTES", 64 << 30)
TRADE_ZIP_MAX_RATIO = envint("EXPORTPILOT_ZIP_MAX_RATIO", 100)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# A running job's worker renews its heartbeat every few seconds; a job without
# one for this long, or whose worker process is gone, is run again by another
# worker, at most JOBS_MAX_ATTEMPTS times in all, then marked failed.
JOBS_LEASE_SECONDS = envint("EXPORTPILOT_JOB_LEASE_SECONDS", 60)
JOBS_MAX_ATTEMPTS = envint("EXPORTPILOT_JOB_MAX_ATTEMPTS", 3)

NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 500

# Link tokens never reach a log: every record passes lib.redact's filter (the
# 404 and 500 lines of django.request name the path); gunicorn's logs get the
# same through lib.serverlog.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    "filters": {
        "forbidden_without_traceback": {
            "()": "exportpilot.lib.logfilters.ForbiddenWithoutTraceback"
        },
        "redact": {"()": "exportpilot.lib.redact.RedactFilter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["redact"],
        }
    },
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # axes says INFO on every login; its failures and lockouts are WARNING.
        "axes": {"level": "WARNING"},
        # An expected 403 (PermissionDenied) is one line, not a traceback.
        "django.request": {"filters": ["forbidden_without_traceback"]},
    },
}

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "exportpilot.lib.staticfiles.PlotlyFinder",
    "exportpilot.lib.staticfiles.HashedNameFinder",
]

# Mail (assessment links). The embedded default writes each mail as a file in
# the data directory's outbox (not to the server log: the links in them carry
# tokens); production sets an SMTP backend.
EMAIL_BACKEND = envstr(
    "EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend"
)
EMAIL_FILE_PATH = DATA_DIR / "outbox"
EMAIL_HOST = envstr("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "ExportPilot <noreply@localhost>")
