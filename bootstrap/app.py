"""The one composition file of the application."""

from pathlib import Path

from app.exceptions.handler import Handler
from app.lifespan import announce_shutdown, announce_startup
from orionis import Application
from orionis.foundation.enums.lifespan import Lifespan
from orionis.foundation.enums.runtimes import Runtime

app = Application(base_path=Path(__file__).resolve().parent.parent)
app.on(Lifespan.STARTUP, announce_startup, runtime=Runtime.HTTP)
app.on(Lifespan.SHUTDOWN, announce_shutdown, runtime=Runtime.HTTP)
app.with_routing(web="routes/web.py", api="routes/api.py", health="/up")
app.with_exceptions(Handler)
