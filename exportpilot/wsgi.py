"""WSGI entry point: ``gunicorn exportpilot.wsgi:application``.

Loading it also warms the process up (``lib.warmup``), so that no user waits
for the first request's imports.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "exportpilot.settings")
application = get_wsgi_application()

from exportpilot.lib.warmup import warm_up  # noqa: E402 (needs Django set up)

warm_up()
