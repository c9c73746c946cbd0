"""Close-name suggestions for error messages."""

from collections.abc import Iterable
from difflib import get_close_matches

__all__ = ["did_you_mean"]


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """Return `` Did you mean 'x'?`` (with a leading space) or ``""`` when nothing is close."""
    matches = get_close_matches(name, list(candidates), n=3, cutoff=0.6)
    if not matches:
        return ""
    quoted = ", ".join(f"'{match}'" for match in matches)
    return f" Did you mean {quoted}?"
