"""The benchmark harness behind bench/run.py: servers, load generation, checks and reports."""
