"""Test run: fast hashing, plain static storage, a fixed non-secret key."""

from .base import *  # noqa: F403
from .base import ENV

SECRET_KEY = "test-only-key-not-secret-7f1c0a9e3b5d2c4e6a8b0d1f3e5c7a9b"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING = {"version": 1, "disable_existing_loggers": False}
# Serve static files straight from the apps' folders; no collectstatic in tests.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
SERVE_MEDIA = True
# The shop's shared cache: files in a folder of this test run's own, emptied before
# each test (tests/conftest.py), unless a test worker process is told to use Redis
# (DJANGO_TEST_CACHE=redis) or given a folder (DJANGO_CACHE_DIR).
if ENV.get("DJANGO_TEST_CACHE") != "redis":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": ENV.get("DJANGO_CACHE_DIR")
            or __import__("tempfile").mkdtemp(prefix="hirarajut-test-cache-"),
        }
    }
