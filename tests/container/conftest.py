import pytest

from orionis.container import Container


@pytest.fixture
def app() -> Container:
    return Container()
