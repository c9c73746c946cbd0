import pytest

from orionis.routing import RedirectAction, RoutingError, ViewAction
from orionis.routing.actions import check_action


class Controller:
    def index(self) -> str:
        return "index"

    def show(self) -> str:
        return "show"

    label = "not callable"


class SingleAction:
    def __call__(self) -> str:
        return "done"


class InheritsCall(SingleAction):
    pass


class NoCall:
    pass


def function() -> None:
    pass


async def coroutine_function() -> None:
    pass


@pytest.mark.parametrize(
    "action",
    [
        (Controller, "index"),
        SingleAction,
        InheritsCall,
        function,
        coroutine_function,
        ViewAction("pages.about", {"title": "About"}),
        RedirectAction("/new", 301),
    ],
)
def test_valid_actions_are_returned_unchanged(action: object) -> None:
    assert check_action(action, "routes/web.py:3") == action


def test_missing_controller_method_names_location_and_suggests() -> None:
    with pytest.raises(RoutingError) as caught:
        check_action((Controller, "shwo"), "routes/web.py:7")
    message = str(caught.value)
    assert "routes/web.py:7" in message
    assert "Controller has no method 'shwo'" in message
    assert "Did you mean 'show'?" in message
    assert "Define Controller.shwo()" in message


def test_non_callable_attribute_is_not_a_method() -> None:
    with pytest.raises(RoutingError, match="has no method 'label'"):
        check_action((Controller, "label"), "routes/web.py:1")


@pytest.mark.parametrize("action", [(Controller,), (Controller, 1), ("Controller", "index")])
def test_malformed_tuple(action: tuple[object, ...]) -> None:
    with pytest.raises(RoutingError, match=r"routes/web.py:2 is not a \(Controller, \"method\"\)"):
        check_action(action, "routes/web.py:2")


def test_class_without_call_is_rejected() -> None:
    with pytest.raises(RoutingError) as caught:
        check_action(NoCall, "routes/web.py:4")
    assert "NoCall at routes/web.py:4 is a class without __call__" in str(caught.value)
    assert '(NoCall, "method")' in str(caught.value)


def test_non_callable_is_rejected() -> None:
    with pytest.raises(RoutingError) as caught:
        check_action(42, "routes/web.py:5")
    assert "Route action 42 at routes/web.py:5 is not a route action" in str(caught.value)


def test_view_action_data_defaults_to_empty() -> None:
    assert ViewAction("home").data == {}
    assert RedirectAction("/x").status == 302
