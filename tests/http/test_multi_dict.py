"""MultiDict: repeated keys, last value wins for get."""

from __future__ import annotations

import pytest

from orionis.http.multi_dict import MultiDict, QueryParams


def test_get_returns_the_last_value_and_get_all_every_value() -> None:
    params = QueryParams([("tag", "a"), ("tag", "b"), ("page", "2")])
    assert params.get("tag") == "b"
    assert params["tag"] == "b"
    assert params.get_all("tag") == ["a", "b"]
    assert params.getlist("page") == ["2"]
    assert params.get_all("missing") == []
    assert params.get("missing", "1") == "1"
    with pytest.raises(KeyError):
        params["missing"]


def test_mapping_views_use_distinct_keys() -> None:
    params = MultiDict([("a", 1), ("b", 2), ("a", 3)])
    assert list(params) == ["a", "b"]
    assert len(params) == 2
    assert dict(params) == {"a": 3, "b": 2}
    assert params.to_dict() == {"a": 3, "b": 2}
    assert params.multi_items() == [("a", 1), ("b", 2), ("a", 3)]
    assert "b" in params and "c" not in params


def test_equality_compares_every_pair_in_order() -> None:
    assert MultiDict([("a", 1), ("a", 2)]) == MultiDict([("a", 1), ("a", 2)])
    assert MultiDict([("a", 1), ("a", 2)]) != MultiDict([("a", 2)])
