"""Warnings and errors only: nothing is logged per request."""

level = "WARNING"
