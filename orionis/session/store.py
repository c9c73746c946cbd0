"""The session of one request: its data, flash messages, CSRF token and id.

The store remembers which keys changed or were removed, so that drivers can write only those
and merge them into what other requests of the same session wrote meanwhile.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["ID_PATTERN", "Session", "new_session_id"]

ID_PATTERN = re.compile(r"[A-Za-z0-9_-]{40}")
"""What a session id looks like; anything else from a client is ignored (never a file name)."""

_FLASH = "_flash"
_TOKEN = "_token"
_OLD_INPUT = "_old_input"
_PREVIOUS_URL = "_previous_url"


def new_session_id() -> str:
    """40 URL-safe characters from 240 random bits."""
    return secrets.token_urlsafe(30)


class Session:
    """``session.get("cart")``, ``session.put("cart", [1])``, ``session.flash("status", "Saved")``.

    Values must be JSON-serializable: every driver stores JSON.
    """

    def __init__(self, session_id: str, data: Mapping[str, Any] | None = None) -> None:
        self._id = session_id
        self._data: dict[str, Any] = dict(data or {})
        self._changed: set[str] = set()
        self._removed: set[str] = set()
        self._replaced = data is None  # a new session is written whole
        self._discarded: list[str] = []

    # -- identity ---------------------------------------------------------------------------

    @property
    def id(self) -> str:
        """The session id (the cookie's value for server-side drivers)."""
        return self._id

    def regenerate(self, destroy: bool = False) -> None:
        """Give the session a new id (after a login, against fixation); keep its data.

        With ``destroy=True`` the data under the old id is deleted too.
        """
        if destroy:
            self._discarded.append(self._id)
        self._id = new_session_id()
        self._replaced = True

    def invalidate(self) -> None:
        """Remove all data and start over with a new id and a new CSRF token (logout)."""
        self._discarded.append(self._id)
        self._data.clear()
        self._id = new_session_id()
        self._replaced = True
        self.regenerate_token()

    # -- data -------------------------------------------------------------------------------

    def get(self, key: str, default: Any = None) -> Any:
        """The value of ``key``, or ``default``."""
        return self._data.get(key, default)

    def put(self, key: str | Mapping[str, Any], value: Any = None) -> None:
        """Store ``value`` under ``key`` (or every pair of a mapping)."""
        pairs = key.items() if isinstance(key, Mapping) else ((key, value),)
        for name, item in pairs:
            self._data[name] = item
            self._changed.add(name)
            self._removed.discard(name)

    def push(self, key: str, value: Any) -> None:
        """Append ``value`` to the list under ``key``."""
        self.put(key, [*self.get(key, []), value])

    def has(self, key: str) -> bool:
        """True when ``key`` is set and not None."""
        return self._data.get(key) is not None

    def exists(self, key: str) -> bool:
        """True when ``key`` is set, even to None."""
        return key in self._data

    def pull(self, key: str, default: Any = None) -> Any:
        """The value of ``key``, removed from the session."""
        value = self._data.get(key, default)
        self.forget(key)
        return value

    def forget(self, *keys: str) -> None:
        """Remove ``keys``."""
        for key in keys:
            self._data.pop(key, None)
            self._removed.add(key)
            self._changed.discard(key)

    def flush(self) -> None:
        """Remove every key (the id stays)."""
        self.forget(*list(self._data))

    def all(self) -> dict[str, Any]:
        """A copy of every key and value."""
        return dict(self._data)

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.put(key, value)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    # -- flash ------------------------------------------------------------------------------

    def flash(self, key: str, value: Any = True) -> None:
        """Store ``value`` for the next request only."""
        self.put(key, value)
        new, old = self._flash_lists()
        self._set_flash([*_without(new, [key]), key], _without(old, [key]))

    def now(self, key: str, value: Any) -> None:
        """Store ``value`` for this request only."""
        self.put(key, value)
        new, old = self._flash_lists()
        self._set_flash(new, [*_without(old, [key]), key])

    def reflash(self) -> None:
        """Keep every flashed value for one more request."""
        new, old = self._flash_lists()
        self._set_flash([*new, *_without(old, new)], [])

    def keep(self, *keys: str) -> None:
        """Keep the flashed ``keys`` for one more request."""
        new, old = self._flash_lists()
        self._set_flash([*new, *_without(keys, new)], _without(old, keys))

    def flash_input(self, data: Mapping[str, Any]) -> None:
        """Flash the request's input so that ``old()`` refills the form on the next page."""
        self.flash(_OLD_INPUT, dict(data))

    def old(self, key: str | None = None, default: Any = None) -> Any:
        """Input flashed by the previous request (all of it when ``key`` is None)."""
        old_input: dict[str, Any] = self._data.get(_OLD_INPUT) or {}
        if key is None:
            return old_input
        return old_input.get(key, default)

    def age_flash_data(self) -> None:
        """End of request: drop this request's flashed values, keep the new ones for the next."""
        new, old = self._flash_lists()
        if not new and not old:
            return
        for key in old:
            if key not in new:
                self.forget(key)
        self._set_flash([], new)

    def _flash_lists(self) -> tuple[list[str], list[str]]:
        flash = self._data.get(_FLASH) or {}
        return list(flash.get("new", [])), list(flash.get("old", []))

    def _set_flash(self, new: list[str], old: list[str]) -> None:
        if new or old:
            self.put(_FLASH, {"new": new, "old": old})
        elif _FLASH in self._data:
            self.forget(_FLASH)

    # -- CSRF and navigation ----------------------------------------------------------------

    def token(self) -> str:
        """The CSRF token of this session (made on first use)."""
        token = self._data.get(_TOKEN)
        if not isinstance(token, str):
            token = self.regenerate_token()
        return token

    def regenerate_token(self) -> str:
        """A new CSRF token."""
        token = secrets.token_urlsafe(30)
        self.put(_TOKEN, token)
        return token

    def previous_url(self) -> str | None:
        """The last page (GET, not AJAX) this session visited."""
        url = self._data.get(_PREVIOUS_URL)
        return url if isinstance(url, str) else None

    def set_previous_url(self, url: str) -> None:
        """Remember ``url`` as the page to go back to."""
        if self._data.get(_PREVIOUS_URL) != url:
            self.put(_PREVIOUS_URL, url)

    # -- what drivers write -----------------------------------------------------------------

    @property
    def replaced(self) -> bool:
        """True when the whole session must be written (new, regenerated, invalidated)."""
        return self._replaced

    def changes(self) -> tuple[dict[str, Any], set[str]]:
        """The keys set and the keys removed during this request."""
        return {key: self._data[key] for key in self._changed}, set(self._removed)

    def discarded_ids(self) -> list[str]:
        """Ids whose stored data must be deleted."""
        return list(self._discarded)

    def __repr__(self) -> str:
        return f"<Session {self._id[:6]}… {sorted(self._data)}>"


def _without(items: Iterable[str], excluded: Iterable[str]) -> list[str]:
    drop = set(excluded)
    return [item for item in items if item not in drop]
