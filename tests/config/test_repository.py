from typing import Any

import pytest

from orionis.config import ConfigError, ConfigKeyError, Repository
from orionis.support.errors import OrionisError


@pytest.fixture
def config() -> Repository:
    return Repository(
        {
            "app": {"name": "Orionis", "debug": False, "locale": None},
            "http": {"middleware_groups": {"web": ["cookies"], "api": []}},
            "database": {"connections": {"pgsql": {"host": "db", "port": 5432}}},
        }
    )


def test_get_reads_dot_paths_at_every_depth(config: Repository) -> None:
    assert config.get("app.name") == "Orionis"
    assert config.get("http.middleware_groups.web") == ["cookies"]
    assert config.get("database.connections.pgsql.host") == "db"
    assert config.get("app") == {"name": "Orionis", "debug": False, "locale": None}


@pytest.mark.parametrize(
    "key",
    ["missing", "missing.key", "app.missing", "database.connections.mysql.host", "app.name.x", ""],
)
def test_get_returns_the_default_for_missing_paths(config: Repository, key: str) -> None:
    assert config.get(key) is None
    assert config.get(key, "fallback") == "fallback"


def test_get_returns_a_stored_none_rather_than_the_default(config: Repository) -> None:
    assert config.get("app.locale", "en") is None


def test_has_and_contains(config: Repository) -> None:
    assert config.has("app.name")
    assert config.has("app.locale")
    assert config.has("database.connections.pgsql.port")
    assert not config.has("app.nope")
    assert "http.middleware_groups.api" in config
    assert "http.middleware_groups.admin" not in config
    assert 42 not in config


def test_set_is_seen_by_the_next_get(config: Repository) -> None:
    assert config.get("app.name") == "Orionis"
    config.set("app.name", "Changed")
    assert config.get("app.name") == "Changed"
    config.set("database.connections.pgsql.host", "other")
    assert config["database.connections.pgsql.host"] == "other"


def test_set_creates_intermediate_dicts(config: Repository) -> None:
    config.set("cache.stores.redis.port", 6379)
    assert config.get("cache") == {"stores": {"redis": {"port": 6379}}}
    config.set("app.features.beta", True)
    assert config.get("app.features") == {"beta": True}


def test_set_replaces_a_whole_section(config: Repository) -> None:
    config.set("mail", {"driver": "smtp"})
    assert config.get("mail.driver") == "smtp"


def test_set_through_a_non_dict_value_explains_the_conflict(config: Repository) -> None:
    with pytest.raises(ConfigError) as caught:
        config.set("app.name.first", "x")
    assert str(caught.value) == (
        "Cannot set config 'app.name.first': 'app.name' holds a str, not a dict. "
        "Set 'app.name' to a dict first, or pick another key."
    )


def test_set_of_a_section_to_a_non_dict_explains_the_fix(config: Repository) -> None:
    with pytest.raises(ConfigError) as caught:
        config.set("app", "Orionis")
    assert str(caught.value) == (
        "Cannot set config section 'app' to a str: a section is a dict of keys. "
        "Pass a dict, or set one key with a dot path (app.name)."
    )


def test_getitem_returns_the_value(config: Repository) -> None:
    assert config["app.debug"] is False
    assert config["app.locale"] is None


def test_getitem_of_a_missing_key_suggests_a_close_one(config: Repository) -> None:
    with pytest.raises(KeyError) as caught:
        config["app.nmae"]
    assert str(caught.value) == (
        "No config value at 'app.nmae': 'app' has no key 'nmae'. Did you mean 'name'? "
        "Define it in config/app.py, or read it with config.get('app.nmae', default)."
    )
    assert isinstance(caught.value, ConfigKeyError)
    assert isinstance(caught.value, OrionisError)


def test_getitem_suggests_a_close_section_name(config: Repository) -> None:
    with pytest.raises(KeyError) as caught:
        config["ap.name"]
    assert str(caught.value) == (
        "No config value at 'ap.name': there is no config section 'ap'. Did you mean 'app'? "
        "Define it in config/ap.py, or read it with config.get('ap.name', default)."
    )


def test_getitem_suggests_nested_keys(config: Repository) -> None:
    message = r"'database\.connections\.pgsql' has no key 'hots'\. Did you mean 'host'\?"
    with pytest.raises(KeyError, match=message):
        config["database.connections.pgsql.hots"]


def test_getitem_through_a_non_dict_value_says_so(config: Repository) -> None:
    with pytest.raises(
        KeyError, match=r"^No config value at 'app\.name\.x': 'app\.name' holds a str"
    ):
        config["app.name.x"]


def test_getitem_without_anything_close_has_no_suggestion(config: Repository) -> None:
    with pytest.raises(KeyError) as caught:
        config["queue.driver"]
    assert "Did you mean" not in str(caught.value)
    assert "Define it in config/queue.py" in str(caught.value)


def test_section_returns_a_copy(config: Repository) -> None:
    section = config.section("app")
    section["name"] = "Changed"
    assert config.get("app.name") == "Orionis"


def test_section_of_a_missing_name_suggests_one(config: Repository) -> None:
    with pytest.raises(ConfigKeyError, match=r"no config section 'htpp'\. Did you mean 'http'\?"):
        config.section("htpp")


def test_all_returns_every_section_as_copies(config: Repository) -> None:
    everything = config.all()
    assert set(everything) == {"app", "http", "database"}
    everything["app"]["name"] = "Changed"
    del everything["http"]
    assert config.get("app.name") == "Orionis"
    assert config.has("http")


def test_the_repository_copies_the_sections_it_is_given() -> None:
    items: dict[str, dict[str, Any]] = {"app": {"name": "Orionis"}}
    config = Repository(items)
    items["app"]["name"] = "Changed"
    assert config.get("app.name") == "Orionis"


def test_an_empty_repository() -> None:
    assert Repository().all() == {}
    assert Repository().get("app.name", "x") == "x"


def test_repr_shows_sections_but_no_values(config: Repository) -> None:
    assert repr(config) == "Repository(sections=['app', 'database', 'http'])"
