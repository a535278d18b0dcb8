"""Settings shared by every environment; the environment is read here and only here."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

ENV = os.environ


def env_bool(name: str, default: bool) -> bool:
    value = ENV.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str) -> list[str]:
    return [item.strip() for item in ENV.get(name, "").split(",") if item.strip()]


SECRET_KEY = ENV.get("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
# The shop's public address, e.g. https://hirarajut.id: canonical links, shared
# links and the marketplace feeds use it. Empty: the address of the request.
SITE_URL = ENV.get("DJANGO_SITE_URL", "").rstrip("/")
# Behind nginx or Caddy: the visitor's address comes from X-Forwarded-For, as the
# first of PROXY_COUNT proxies (the one the visitor reached) saw it; each proxy
# appends what it saw, anything before that is the visitor's own word. Without
# a proxy the header is ignored.
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", False)
_proxy_count = ENV.get("DJANGO_PROXY_COUNT", "1").strip() or "1"
if not _proxy_count.isdigit() or int(_proxy_count) < 1:
    raise ImproperlyConfigured(
        "DJANGO_PROXY_COUNT is the number of proxies in front of the portal: "
        f"1 or more, not {_proxy_count!r}."
    )
PROXY_COUNT = int(_proxy_count)

INSTALLED_APPS = [
    "whitenoise.runserver_nostatic",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "axes",
    "bootstrap",
    "crispy_forms",
    "crispy_bootstrap5",
    "core",
    "members",
    "catalog",
    "production",
    "training",
    "sales",
    "storefront",
    "exports",
    "portal",
    "demo",
]

MIDDLEWARE = [
    # First, so it compresses what every other middleware has written.
    "django.middleware.gzip.GZipMiddleware",
    # Next, so every response passes it, also static files and the lockout page:
    # what names no caching of its own is kept by no browser or proxy.
    "core.middleware.PrivateCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "members.middleware.IgnoreBrowserLanguageMiddleware",
    # The shop's language comes from its address, the portal's from the switcher.
    "storefront.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "hirarajut.urls"
WSGI_APPLICATION = "hirarajut.wsgi.application"

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
        },
    },
]

# --- Database: SQLite by default, PostgreSQL through DATABASE_URL -----------------
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(ENV.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer writes; IMMEDIATE makes concurrent
    # writers wait for the lock instead of failing with "database is locked".
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

# --- Cache: the shop's pages and the order form's rate limit, shared by workers -----
# Redis through REDIS_URL; otherwise files on disk, which every worker of one
# machine shares and which need nothing installed.
REDIS_URL = ENV.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": ENV.get("DJANGO_CACHE_PREFIX", "hirarajut"),
            # A Redis that stopped answering fails a page (and /healthz) in
            # seconds instead of holding the worker.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 5},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": ENV.get("DJANGO_CACHE_DIR", str(BASE_DIR / ".cache")),
            "OPTIONS": {"MAX_ENTRIES": 10000},
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication ------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    # First, so a locked-out username+IP is refused before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    # Django's check of the username, and the member's full name and village.
    {"NAME": "members.passwords.MemberSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "members:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "members:login"

# Five wrong passwords for the same username from the same address lock that pair
# for fifteen minutes; other people behind the same address keep working.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# The address is REMOTE_ADDR, or behind a proxy the one the nearest proxy saw:
# a visitor cannot lock out someone else by sending X-Forwarded-For herself.
AXES_CLIENT_IP_CALLABLE = "core.middleware.client_ip"

# --- Language, time, numbers -------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates as the co-op writes them: "1 Des 2026" (Django's own has "1 Des. 2026").
FORMAT_MODULE_PATH = ["hirarajut.formats"]
USE_I18N = True
TIME_ZONE = "Asia/Jakarta"
USE_TZ = True

# --- Static and media files ----------------------------------------------------------
STATIC_URL = "/static/"
# Where collectstatic puts the files WhiteNoise serves.
STATIC_ROOT = Path(ENV.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(ENV.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
# Papers that are never served as plain files (export documents): outside the media.
PRIVATE_ROOT = Path(ENV.get("DJANGO_PRIVATE_ROOT", BASE_DIR / "private"))
# Where `manage.py backup` writes its archives unless given --output.
BACKUP_DIR = Path(ENV.get("DJANGO_BACKUP_DIR", BASE_DIR / "backups"))
# Let Django itself serve media (development and browser tests only).
SERVE_MEDIA = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Security headers ----------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # Bootstrap draws its form icons as data: SVG images.
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": ENV.get("DJANGO_LOG_LEVEL", "INFO")},
}
