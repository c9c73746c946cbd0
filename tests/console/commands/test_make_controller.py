"""``make:controller``: the generated controller is routed and answers through the kernel."""

from __future__ import annotations

from orionis.foundation.application import Application
from tests.console.conftest import Project
from tests.support.drivers import call_asgi, call_rsgi


async def _booted(project: Project, routes: str) -> Application:
    project.write("routes/web.py", routes)
    app = project.load()
    await app.boot()
    return app


async def test_a_plain_controller_answers_its_index(project: Project) -> None:
    result = project.run("make:controller", "Admin/UserController")

    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "Controller created: app/http/controllers/admin/user_controller.py",
        'Route it in a routes file: Route.get("/", (UserController, "index"))',
    ]
    app = await _booted(
        project,
        """
        from app.http.controllers.admin.user_controller import UserController
        from orionis.routing import Route

        Route.get("/admin/users", (UserController, "index"))
        """,
    )

    response = await call_rsgi(app, "GET", "/admin/users")

    assert response.status == 200
    assert response.json() == {"controller": "UserController", "path": "/admin/users"}


async def test_a_resource_controller_answers_its_seven_actions(project: Project) -> None:
    result = project.run("make:controller", "PhotoController", "--resource")

    assert result.code == 0, result.err
    assert 'Route.resource("photos", PhotoController)' in result.out
    app = await _booted(
        project,
        """
        from app.http.controllers.photo_controller import PhotoController
        from orionis.routing import Route

        Route.resource("photos", PhotoController)
        """,
    )

    index = await call_asgi(app, "GET", "/photos")
    create = await call_asgi(app, "GET", "/photos/create")
    show = await call_asgi(app, "GET", "/photos/7")
    edit = await call_asgi(app, "GET", "/photos/7/edit")
    store = await call_asgi(
        app, "POST", "/photos", headers={"content-type": "application/json"}, body=b'{"a": 1}'
    )
    update = await call_asgi(
        app, "PUT", "/photos/7", headers={"content-type": "application/json"}, body=b'{"a": 2}'
    )
    destroy = await call_asgi(app, "DELETE", "/photos/7")

    assert index.json() == {"data": []}
    assert create.json() == {"form": "create"}
    assert show.json() == {"data": {"id": "7"}}
    assert edit.json() == {"form": "edit", "id": "7"}
    assert store.json() == {"data": {"a": 1}}
    assert update.json() == {"data": {"id": "7", "a": 2}}
    assert destroy.status == 204


async def test_an_api_controller_has_no_form_actions(project: Project) -> None:
    result = project.run("make:controller", "CommentController", "--api")

    assert result.code == 0, result.err
    assert 'Route.api_resource("comments", CommentController)' in result.out
    source = project.read("app/http/controllers/comment_controller.py")
    assert "async def create" not in source and "async def edit" not in source
    app = await _booted(
        project,
        """
        from app.http.controllers.comment_controller import CommentController
        from orionis.routing import Route

        Route.api_resource("comments", CommentController)
        """,
    )

    show = await call_asgi(app, "GET", "/comments/3")
    create = await call_asgi(app, "GET", "/comments/create")

    assert show.json() == {"data": {"id": "3"}}
    # No form action: /comments/create is the show action of the comment "create".
    assert create.json() == {"data": {"id": "create"}}


def test_a_controller_whose_parameter_would_be_a_keyword_uses_id(project: Project) -> None:
    assert project.run("make:controller", "ClassController", "--api").code == 0

    source = project.read("app/http/controllers/class_controller.py")
    assert "async def show(self, id: str)" in source
