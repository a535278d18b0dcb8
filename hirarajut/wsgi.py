"""WSGI entry point for gunicorn: ``gunicorn hirarajut.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hirarajut.settings.prod")

application = get_wsgi_application()
