"""WSGI entry point: ``gunicorn ctct.wsgi`` or ``ctct runserver``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ctct.settings")
application = get_wsgi_application()
