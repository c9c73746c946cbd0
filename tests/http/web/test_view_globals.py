"""Template globals: route(), url(), asset(), config(), csrf_field(), csrf_token(), old(),
session(), errors, method_field()."""

from __future__ import annotations

import pytest

from orionis.http.view_globals import ViewGlobals
from orionis.support.errors import OrionisError

ROUTES = """
Route.get("/page/{name}", c.page).name("page")
Route.get("/token", c.token)
"""


async def test_route_url_asset_and_config(make_app, call) -> None:
    views = {
        "links.html": (
            "{{ route('page', name='links') }}|{{ url('a/b') }}|{{ asset('app.css') }}|"
            "{{ config('session.driver') }}"
        )
    }
    result = await call(await make_app(web=ROUTES, views=views), "GET", "/page/links")
    assert result.text == "/page/links|http://127.0.0.1:8000/a/b|/static/app.css|memory"


async def test_csrf_field_holds_the_session_token(make_app, browser) -> None:
    views = {"form.html": "{{ csrf_field() }}|{{ csrf_token() }}|{{ method_field('put') }}"}
    client = browser(await make_app(web=ROUTES, views=views))
    text = (await client.get("/page/form")).text
    token = await client.token()
    assert text == (
        f'<input type="hidden" name="_token" value="{token}">|{token}|'
        '<input type="hidden" name="_method" value="PUT">'
    )


async def test_session_and_errors_are_empty_on_a_fresh_page(make_app, call) -> None:
    views = {"s.html": "[{{ session('missing', 'none') }}][{{ errors.any() }}][{{ old('x') }}]"}
    result = await call(await make_app(web=ROUTES, views=views), "GET", "/page/s")
    assert result.text == "[none][False][]"


async def test_templates_escape_by_default(make_app, call) -> None:
    views = {"x.html": "{{ '<b>' }}"}
    assert (
        await call(await make_app(web=ROUTES, views=views), "GET", "/page/x")
    ).text == "&lt;b&gt;"


async def test_csrf_token_without_a_session_says_how_to_fix_it(make_app) -> None:
    helpers = ViewGlobals(await make_app(web=ROUTES))
    with pytest.raises(OrionisError) as caught:
        helpers.csrf_token()
    assert str(caught.value) == (
        "csrf_token() needs a session, and this page has none: render forms from "
        "routes in routes/web.py (the `web` group with the `session` middleware)."
    )
