import sys

from orionis.routing.location import caller_location


def called() -> str:
    return caller_location()


def called_twice_removed() -> str:
    return caller_location(2)


def test_caller_location_names_the_callers_file_and_line() -> None:
    location = called()
    assert location == f"{__file__}:{sys._getframe().f_lineno - 1}"


def test_depth_walks_further_up() -> None:
    def middle() -> str:
        return called_twice_removed()

    location = middle()
    assert location == f"{__file__}:{sys._getframe().f_lineno - 1}"
