"""The `csrf` middleware: POST/PUT/PATCH/DELETE need the session's token; 419 otherwise."""

from __future__ import annotations

import pytest

ROUTES = """
Route.get("/token", c.token)
Route.post("/submit", c.submit)
Route.put("/submit", c.submit)
Route.delete("/submit", c.submit)
Route.post("/hooks/stripe", c.submit)
"""


async def test_a_post_without_a_token_is_419_with_the_error_page(make_app, browser) -> None:
    views = {"errors/419.html": "<h1>{{ status }} | Page Expired</h1><p>{{ message }}</p>"}
    client = browser(await make_app(web=ROUTES, views=views))
    await client.token()
    result = await client.post("/submit", b"name=x")
    assert result.status == 419
    assert result.text == "<h1>419 | Page Expired</h1><p>CSRF token mismatch.</p>"


async def test_a_json_client_gets_419_json(make_app, browser) -> None:
    client = browser(await make_app(web=ROUTES))
    result = await client.post("/submit", headers={"accept": "application/json"})
    assert result.status == 419
    assert result.json() == {"message": "CSRF token mismatch."}


async def test_a_wrong_token_is_rejected(make_app, browser) -> None:
    client = browser(await make_app(web=ROUTES))
    await client.token()
    assert (await client.post("/submit", b"_token=" + b"x" * 40)).status == 419


async def test_a_token_of_another_session_is_rejected(make_app, browser) -> None:
    app = await make_app(web=ROUTES)
    other = await browser(app).token()
    client = browser(app)
    await client.token()
    assert (await client.post("/submit", f"_token={other}".encode())).status == 419


@pytest.mark.parametrize("where", ["field", "x-csrf-token"])
async def test_the_token_is_accepted_from_the_field_or_header(make_app, browser, where) -> None:
    client = browser(await make_app(web=ROUTES))
    token = await client.token()
    if where == "field":
        result = await client.post("/submit", f"_token={token}".encode())
    else:
        result = await client.post("/submit", headers={"x-csrf-token": token})
    assert result.status == 200
    assert result.json() == {"method": "POST", "ok": True}


async def test_javascript_clients_echo_the_encrypted_xsrf_cookie(make_app, browser) -> None:
    client = browser(await make_app(web=ROUTES))
    token = await client.token()
    xsrf = client.cookies["XSRF-TOKEN"]
    assert xsrf != token  # encrypted by the `cookies` middleware
    result = await client.post("/submit", headers={"x-xsrf-token": xsrf})
    assert result.status == 200


async def test_the_xsrf_cookie_is_readable_by_javascript(make_app, call) -> None:
    result = await call(await make_app(web=ROUTES), "GET", "/token")
    cookie = next(h for h in result.headers.get_all("set-cookie") if h.startswith("XSRF-TOKEN="))
    assert "HttpOnly" not in cookie


async def test_paths_in_the_except_list_skip_the_check(make_app, browser) -> None:
    client = browser(await make_app(web=ROUTES, http='csrf_except = ["hooks/*"]\n'))
    assert (await client.post("/hooks/stripe", b"event=paid")).status == 200
    assert (await client.post("/submit", b"event=paid")).status == 419


async def test_method_spoofing_routes_a_post_form_as_put_and_still_checks(
    make_app, browser
) -> None:
    client = browser(await make_app(web=ROUTES))
    token = await client.token()
    result = await client.post("/submit", f"_method=PUT&_token={token}".encode())
    assert result.json() == {"method": "PUT", "ok": True}
    deleted = await client.post("/submit", f"_method=delete&_token={token}".encode())
    assert deleted.json() == {"method": "DELETE", "ok": True}
    assert (await client.post("/submit", b"_method=PUT")).status == 419


async def test_only_put_patch_and_delete_can_be_spoofed(make_app, browser) -> None:
    client = browser(await make_app(web=ROUTES))
    token = await client.token()
    result = await client.post("/submit", f"_method=GET&_token={token}".encode())
    assert result.json() == {"method": "POST", "ok": True}
