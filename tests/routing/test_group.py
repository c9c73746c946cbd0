from orionis.routing import RouteGroup


class Auth:
    pass


def test_root_group_is_empty() -> None:
    assert RouteGroup() == RouteGroup("/", "", (), ())


def test_nest_joins_prefixes_and_extends_lists() -> None:
    outer = RouteGroup().nest(prefix="/admin/", name="admin.", middleware=["auth"])
    inner = outer.nest(prefix="users", name="users.", middleware=Auth, without_middleware="csrf")
    assert inner == RouteGroup("/admin/users", "admin.users.", ("auth", Auth), ("csrf",))
    assert outer == RouteGroup("/admin", "admin.", ("auth",), ())
