"""Small console commands written as functions; bigger ones are classes in app/console/commands/."""

from app.services.greeter import Greeter
from orionis.console import Argument, Console, Output


@Console.command("greet", "Greet someone from the command line.", arguments=[Argument("who")])
def greet(who: str, greeter: Greeter, out: Output) -> None:
    out.info(greeter.greet(who))
