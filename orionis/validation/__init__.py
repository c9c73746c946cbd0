"""Validation: ``Validator(data, rules).validate()``, rule strings, ``MessageBag``.

The HTTP layer builds on it: ``request.validate({...})`` and form-request classes.
"""

from orionis.validation.errors import RuleError, ValidationError
from orionis.validation.message_bag import MessageBag
from orionis.validation.rules import Rule
from orionis.validation.validator import Validator, parse_rules

__all__ = ["MessageBag", "Rule", "RuleError", "ValidationError", "Validator", "parse_rules"]
