"""WSGI entry point: `gunicorn skillwise.entrypoints.wsgi:app`."""

from skillwise.entrypoints.http.app import create_app

app = create_app()
