"""A template measured slow is rendered in a worker thread, so it never stalls the event loop."""

from __future__ import annotations

import threading

from orionis.view import ViewFactory
from orionis.view.factory import SLOW_RENDERS
from tests.http.kernel.conftest import AppFactory, Call

ROUTES = "Route.get('/report', lambda: __import__('orionis').view('report', {'rows': range(3)}))"
VIEWS = {"report.html": "<p>{% for r in rows %}{{ r }},{% endfor %}</p><i>{{ thread() }}</i>"}


async def test_a_slow_template_is_rendered_off_the_event_loop_from_its_second_render(
    make_app: AppFactory, call: Call
) -> None:
    # Every render counts as slow: after SLOW_RENDERS inline ones, renders go to a thread.
    app = await make_app(web=ROUTES, views=VIEWS, config={"view": "offload_after_ms = 0.0\n"})
    app.make(ViewFactory).share("thread", threading.get_ident)
    loop_thread = threading.get_ident()

    inline = [await call(app, "GET", "/report") for _ in range(SLOW_RENDERS)]
    first, second = inline[0], await call(app, "GET", "/report")

    assert first.status == second.status == 200
    assert first.headers.get("content-type") == "text/html; charset=utf-8"
    assert second.headers.get("content-type") == "text/html; charset=utf-8"
    assert {r.text for r in inline} == {f"<p>0,1,2,</p><i>{loop_thread}</i>"}
    rendered_in = int(second.text.removeprefix("<p>0,1,2,</p><i>").removesuffix("</i>"))
    assert rendered_in != loop_thread


async def test_a_fast_template_stays_inline(make_app: AppFactory, call: Call) -> None:
    app = await make_app(web=ROUTES, views=VIEWS)  # default threshold: 5 ms
    app.make(ViewFactory).share("thread", threading.get_ident)

    responses = [await call(app, "GET", "/report") for _ in range(3)]

    assert {r.text for r in responses} == {f"<p>0,1,2,</p><i>{threading.get_ident()}</i>"}
    assert not app.make(ViewFactory).is_slow("report")
