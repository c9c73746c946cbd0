"""``make:middleware``: the generated middleware runs in a route's chain."""

from __future__ import annotations

from tests.console.conftest import Project
from tests.support.drivers import call_rsgi


async def test_the_generated_middleware_runs_around_a_route(project: Project) -> None:
    result = project.run("make:middleware", "EnsureTokenIsValid")

    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == (
        "Middleware created: app/http/middleware/ensure_token_is_valid.py"
    )
    # Fill in the stub where it says, as a user would.
    path = project.root / "app/http/middleware/ensure_token_is_valid.py"
    source = path.read_text()
    hook = "        # Work on the request here, before the route runs...\n"
    assert hook in source
    path.write_text(source.replace(hook, hook + '        request.state.checked = "yes"\n'))
    project.write(
        "routes/web.py",
        """
        from app.http.middleware.ensure_token_is_valid import EnsureTokenIsValid
        from orionis.http import Request
        from orionis.routing import Route


        def secret(request: Request) -> str:
            return f"checked: {getattr(request.state, 'checked', 'no')}"


        Route.get("/secret", secret).middleware(EnsureTokenIsValid)
        """,
    )
    app = project.load()
    await app.boot()

    response = await call_rsgi(app, "GET", "/secret")

    assert (response.status, response.text) == (200, "checked: yes")
