"""Exposes the bench application: `granian bootstrap:app` (cwd = bench/project) finds it."""

from bootstrap.app import app

__all__ = ["app"]
