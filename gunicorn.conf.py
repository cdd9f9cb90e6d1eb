"""gunicorn settings for production, read from the working directory by `gunicorn wsgi:app`.

Values can be overridden on the command line or with GUNICORN_CMD_ARGS.

gunicorn answers some malformed requests itself, before the app sees them: a request line longer
than `limit_request_line`, more than `limit_request_fields` headers, a header longer than
`limit_request_field_size`, or bytes that are not HTTP. Those get gunicorn's own short 400 (plain
HTML, not the app's JSON or page) and nothing reaches the database. The limits below are
gunicorn's defaults, stated so they are visible; the reverse proxy in front usually refuses such
requests first with its own error.
"""

import os

bind = os.environ.get("QUIZAPP_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("QUIZAPP_WORKERS", "4"))
# A worker silent for longer than this is killed and restarted.
timeout = 30
graceful_timeout = 30
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190
# Proxy headers are trusted by the app (QUIZAPP_PROXY_FIX_HOPS), not by gunicorn.
forwarded_allow_ips = "127.0.0.1"
accesslog = "-"


def post_worker_init(worker):
    """Simulate the default desired-retention figures as the worker starts (about a third of a
    second), so that no learner's first Settings page waits for them."""
    from quizapp.domain.retention_outlook import retention_outlook
    from quizapp.domain.schedule_fitting import DEFAULT_PARAMETERS

    retention_outlook(DEFAULT_PARAMETERS)
