"""The portal as gunicorn serves it, with /media/ served in front as nginx would.

Production settings serve no media; the web server in front does. For the
shop benchmark's first view and Lighthouse runs the photos must load, so
WhiteNoise stands in for nginx or Caddy here. Photo files have random names that
are never reused, so they are served as immutable.
"""

from django.conf import settings
from whitenoise import WhiteNoise

from hirarajut.wsgi import application as portal

application = WhiteNoise(portal, immutable_file_test=lambda path, url: True)
application.add_files(str(settings.MEDIA_ROOT), prefix=settings.MEDIA_URL)
