"""The bench project's composition file: the same shape a user's bootstrap/app.py has."""

from pathlib import Path

from orionis import Application

app = Application(base_path=Path(__file__).resolve().parent.parent)
app.with_routing(web="routes/web.py")
