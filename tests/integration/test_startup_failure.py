"""A failing STARTUP callback or provider boot() stops every server, with the reason in its
output: the application never serves requests half booted."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.projects import Serve, write_project

BOOTSTRAP = """
    from pathlib import Path

    from orionis import Application
    from orionis.foundation.enums.lifespan import Lifespan

    from app.lifespan import connect_database

    app = Application(base_path=Path(__file__).resolve().parent.parent)
    app.on(Lifespan.STARTUP, connect_database)
    app.with_routing(health="/up")
"""

FAILING_CALLBACK = {
    "app/lifespan.py": """
        def connect_database() -> None:
            raise ConnectionError("database at db.internal:5432 refused the connection")
    """,
    "bootstrap/app.py": BOOTSTRAP,
}

FAILING_PROVIDER = {
    "app/lifespan.py": """
        def connect_database() -> None:
            print("connect_database must not run after a failed boot", flush=True)
    """,
    "app/broken_provider.py": """
        from orionis import ServiceProvider


        class BrokenProvider(ServiceProvider):
            async def boot(self) -> None:
                raise RuntimeError("the payment gateway key is missing")
    """,
    "config/app.py": """
        from app.broken_provider import BrokenProvider

        providers = [BrokenProvider]
    """,
    "bootstrap/app.py": BOOTSTRAP,
}


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            FAILING_CALLBACK,
            "STARTUP callback app.lifespan.connect_database failed: ConnectionError: "
            "database at db.internal:5432 refused the connection",
        ),
        (
            FAILING_PROVIDER,
            "Provider app.broken_provider.BrokenProvider failed in boot(): RuntimeError: "
            "the payment gateway key is missing",
        ),
    ],
    ids=["startup-callback", "provider-boot"],
)
def test_the_server_exits_with_the_error(
    serve: Serve, tmp_path: Path, files: dict[str, str], message: str
) -> None:
    server = serve(write_project(tmp_path / "project", files), wait=False)
    status = server.wait_for_exit()
    output = server.output()
    assert status != 0, output
    assert message in output
    assert "must not run" not in output
