"""add_provider: one import and one list item added to config/app.py, nothing else changed."""

from __future__ import annotations

import textwrap

from orionis.console.config_editor import add_provider

MODULE = "app.providers.billing_provider"


def _add(source: str, module: str = MODULE, name: str = "BillingProvider") -> str | None:
    return add_provider(textwrap.dedent(source).lstrip(), module, name)


def test_the_import_goes_in_order_among_the_projects_imports() -> None:
    edited = _add(
        '''
        """Config."""

        import os

        from app.providers.app_provider import AppProvider
        from orionis.config import env

        providers = [AppProvider]
        '''
    )

    assert edited == textwrap.dedent(
        '''\
        """Config."""

        import os

        from app.providers.app_provider import AppProvider
        from app.providers.billing_provider import BillingProvider
        from orionis.config import env

        providers = [AppProvider, BillingProvider]
        '''
    )


def test_an_empty_list_gets_the_provider() -> None:
    edited = _add(
        """
        from orionis.config import env

        # Providers, in order.
        providers: list = []
        name = env("APP_NAME")
        """
    )

    assert edited == textwrap.dedent(
        """\
        from app.providers.billing_provider import BillingProvider
        from orionis.config import env

        # Providers, in order.
        providers: list = [BillingProvider]
        name = env("APP_NAME")
        """
    )


def test_a_list_with_one_item_per_line_gets_a_new_line() -> None:
    edited = _add(
        """
        from app.providers.a import A
        from app.providers.b import B

        providers = [
            A,
            B  # the last one
        ]
        """
    )

    assert edited == textwrap.dedent(
        """\
        from app.providers.a import A
        from app.providers.b import B
        from app.providers.billing_provider import BillingProvider

        providers = [
            A,
            B,  # the last one
            BillingProvider,
        ]
        """
    )


def test_a_multiline_empty_list_and_no_imports() -> None:
    edited = _add('"""Config."""\nproviders = [\n]\n')

    assert edited == (
        '"""Config."""\n\nfrom app.providers.billing_provider import BillingProvider\n\n'
        "providers = [BillingProvider]\n"
    )


def test_a_file_without_docstring_or_imports_gets_the_import_first() -> None:
    assert _add("providers = []\n") == (
        "from app.providers.billing_provider import BillingProvider\n\n"
        "providers = [BillingProvider]\n"
    )


def test_only_other_imports_means_a_new_block_after_them() -> None:
    edited = _add("from pathlib import Path\n\nproviders = []\nROOT = Path()\n")

    assert edited == (
        "from pathlib import Path\n\n"
        "from app.providers.billing_provider import BillingProvider\n\n"
        "providers = [BillingProvider]\nROOT = Path()\n"
    )


def test_non_ascii_text_before_the_list_keeps_columns_right() -> None:
    edited = _add('name = "Café"; providers = ["Ünïcode"]\n', name="Billing")

    assert edited is not None
    assert edited.splitlines()[-1] == 'name = "Café"; providers = ["Ünïcode", Billing]'


def test_a_provider_listed_already_leaves_the_file_unchanged() -> None:
    source = (
        "from app.providers.billing_provider import BillingProvider\n\n"
        "providers = [BillingProvider]\n"
    )

    assert add_provider(source, MODULE, "BillingProvider") == source


def test_without_a_providers_list_nothing_is_edited() -> None:
    assert _add("providers = (A, B)\n") is None
    assert _add("name = 'Shop'\n") is None
    assert _add("def f():\n    providers = []\n") is None
