"""The Session store: data, flash data, tokens, ids and what a driver has to write."""

from __future__ import annotations

from orionis.session import Session, new_session_id


def fresh() -> Session:
    return Session(new_session_id(), {})


def test_put_get_pull_forget_and_changes() -> None:
    session = fresh()
    session.put("a", 1)
    session["b"] = [2]
    session.push("b", 3)
    assert session.get("a") == 1 and session["b"] == [2, 3] and session.pull("a") == 1
    assert "a" not in session and session.changes() == ({"b": [2, 3]}, {"a"})


def test_flash_survives_one_more_request() -> None:
    session = fresh()
    session.flash("status", "Saved")
    session.age_flash_data()  # end of this request
    assert session.get("status") == "Saved"
    session.age_flash_data()  # end of the next one
    assert session.get("status") is None


def test_now_is_for_this_request_only() -> None:
    session = fresh()
    session.now("notice", "Hi")
    assert session.get("notice") == "Hi"
    session.age_flash_data()
    assert session.get("notice") is None


def test_reflash_and_keep_extend_flash_data() -> None:
    session = fresh()
    session.flash("a", 1)
    session.flash("b", 2)
    session.age_flash_data()
    session.keep("a")
    session.age_flash_data()
    assert session.get("a") == 1 and session.get("b") is None
    session.reflash()
    session.age_flash_data()
    assert session.get("a") == 1
    session.age_flash_data()
    assert session.get("a") is None


def test_old_input_comes_from_the_flashed_input() -> None:
    session = fresh()
    session.flash_input({"email": "ada@example.com"})
    session.age_flash_data()
    assert session.old("email") == "ada@example.com" and session.old("x", "d") == "d"


def test_regenerate_and_invalidate() -> None:
    session = Session("a" * 40, {"user": 1})
    token = session.token()
    session.regenerate()
    assert session.id != "a" * 40 and session.get("user") == 1 and session.replaced
    assert session.discarded_ids() == []
    session.regenerate(destroy=True)
    assert len(session.discarded_ids()) == 1
    session.invalidate()
    assert session.all() == {"_token": session.token()} and session.token() != token


def test_a_new_session_is_written_whole() -> None:
    assert Session(new_session_id()).replaced
    assert not Session(new_session_id(), {}).replaced
