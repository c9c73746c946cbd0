"""The bench project's composition file: the same shape a user's bootstrap/app.py has."""

from pathlib import Path

from orionis import Application

app = Application(base_path=Path(__file__).resolve().parent.parent)
# /web gets the web group; the other scenarios, as api routes without a prefix, get none.
app.with_routing(web="routes/web.py", api="routes/api.py", api_prefix="")
