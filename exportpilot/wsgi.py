"""WSGI entry point: ``gunicorn exportpilot.wsgi:application``.

Loading it also warms the process up (``exportpilot.warmup``), so that no user waits
for the first request's imports.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "exportpilot.settings")
application = get_wsgi_application()

from exportpilot.warmup import warm_up  # noqa: E402 (needs Django set up)

warm_up()
