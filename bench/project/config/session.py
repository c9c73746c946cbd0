"""The /web scenario's sessions: the `cookie` driver, so nothing is stored on the server.

With it the measurement stays about the framework: `file` would measure the disk, and
`memory` would keep one session per request (wrk sends no cookies back, so every request
starts a new one) and grow the worker without bound.
"""

driver = "cookie"
