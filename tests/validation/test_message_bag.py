"""MessageBag: what templates call on ``errors``."""

from orionis.validation import MessageBag


def test_message_bag_reads_like_laravels() -> None:
    bag = MessageBag({"email": ["Bad.", "Worse."], "name": []})
    assert bag.has("email") and not bag.has("name") and "email" in bag
    assert bag.first("email") == "Bad." and bag.first() == "Bad." and bag.first("x") == ""
    assert bag["email"] == ["Bad.", "Worse."] and bag["x"] == []
    assert bag.all() == ["Bad.", "Worse."] and len(bag) == 2 and bool(bag)
    assert not MessageBag() and MessageBag().to_dict() == {}
