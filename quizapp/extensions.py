"""Flask extensions, created unbound and initialised by `create_app`."""

from __future__ import annotations

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()
login_manager = LoginManager()
migrate = Migrate()
# Storage comes from RATELIMIT_STORAGE_URI: memory:// counts per worker process, so deployments
# with several gunicorn workers point it at Redis to share one limit.
limiter = Limiter(key_func=get_remote_address)
