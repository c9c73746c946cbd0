"""ViewFactory: shared data, composers, caching and reloading of templates."""

from __future__ import annotations

import os
from pathlib import Path

from orionis.view import View, ViewFactory
from orionis.view.factory import SLOW_RENDERS


def write(root: Path, name: str, text: str) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    # A later mtime than any earlier write, without sleeping.
    stamp = path.stat().st_mtime + 10 * len(text)
    os.utime(path, (stamp, stamp))


def test_shared_values_reach_every_template(tmp_path: Path) -> None:
    write(tmp_path, "a.html", "{{ site }}")
    factory = ViewFactory([tmp_path])
    factory.share("site", "Shop")
    assert factory.make("a").render() == "Shop"


def test_composers_add_data_to_matching_views_only(tmp_path: Path) -> None:
    write(tmp_path, "users/show.html", "{{ count | default('-') }}")
    write(tmp_path, "home.html", "{{ count | default('-') }}")
    factory = ViewFactory([tmp_path])
    seen: list[str] = []

    def add_count(view: View) -> None:
        seen.append(view.name)
        view.with_("count", 3)

    factory.composer("users.*", add_count)
    assert factory.make("users.show").render() == "3"
    assert factory.make("home").render() == "-"
    assert seen == ["users.show"]


def test_view_data_wins_over_nothing_and_composers_see_it(tmp_path: Path) -> None:
    write(tmp_path, "a.html", "{{ x }}")
    factory = ViewFactory([tmp_path])
    factory.composer(["a", "b"], lambda view: view.data.setdefault("x", "composed"))
    assert factory.make("a", {"x": "given"}).render() == "given"
    assert factory.make("a").render() == "composed"


def test_templates_are_reloaded_when_the_cache_is_off(tmp_path: Path) -> None:
    write(tmp_path, "a.html", "one")
    factory = ViewFactory([tmp_path], cache=False)
    assert factory.make("a").render() == "one"
    write(tmp_path, "a.html", "two!")
    assert factory.make("a").render() == "two!"


def test_templates_are_compiled_once_when_the_cache_is_on(tmp_path: Path) -> None:
    write(tmp_path, "a.html", "one")
    factory = ViewFactory([tmp_path], cache=True)
    assert factory.make("a").render() == "one"
    write(tmp_path, "a.html", "two!")
    assert factory.make("a").render() == "one"


def test_a_render_over_the_threshold_marks_the_template_slow(tmp_path: Path) -> None:
    write(tmp_path, "list.html", "{% for i in items %}<li>{{ i }}</li>{% endfor %}")
    slow = ViewFactory([tmp_path], offload_after_ms=0.0)
    fast = ViewFactory([tmp_path], offload_after_ms=60_000.0)

    html = ""
    for _ in range(SLOW_RENDERS - 1):
        html = slow.make("list", {"items": [1, 2]}).render()
    assert not slow.is_slow("list")  # one slow render may be a stall, not a slow template
    slow.make("list", {"items": [1, 2]}).render()
    for _ in range(SLOW_RENDERS):
        fast.make("list", {"items": [1, 2]}).render()

    assert slow.is_slow("list") and not fast.is_slow("list")
    assert "".join(slow.make("list", {"items": [1, 2]}).chunks()) == html == "<li>1</li><li>2</li>"


def test_chunks_apply_composers_like_render(tmp_path: Path) -> None:
    write(tmp_path, "a.html", "{{ extra }}")
    factory = ViewFactory([tmp_path])
    factory.composer("a", lambda view: view.with_("extra", "composed"))
    assert "".join(factory.make("a").chunks()) == factory.make("a").render() == "composed"
