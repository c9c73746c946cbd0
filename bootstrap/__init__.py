"""Exposes the application: `granian bootstrap:app` and `from bootstrap import app` find it."""

from bootstrap.app import app

__all__ = ["app"]
