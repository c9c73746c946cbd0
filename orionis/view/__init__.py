"""Jinja2 views."""

from orionis.support.callable_module import make_module_callable
from orionis.view.errors import ViewError
from orionis.view.factory import ViewFactory, template_file
from orionis.view.helpers import view
from orionis.view.provider import ViewServiceProvider
from orionis.view.view import View

__all__ = ["View", "ViewError", "ViewFactory", "ViewServiceProvider", "template_file", "view"]

# ``from orionis import view`` gives this package; calling it makes a view.
make_module_callable(__name__, view)
