"""A list the test projects' config files append to: what ran, and in which order."""

events: list[str] = []
