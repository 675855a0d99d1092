"""WSGI entry point: `gunicorn skillwise.entrypoints.wsgi:app`."""

from skillwise.entrypoints.http.app import create_app_to_serve

app = create_app_to_serve()
