"""``make:provider``: the generated provider is listed in config/app.py, registered and booted."""

from __future__ import annotations

from tests.console.conftest import Project

SKELETON_CONFIG = '''
    """The application's identity, environment and providers."""

    from app.providers.app_service_provider import AppServiceProvider
    from orionis.config import env

    name = env("APP_NAME", "Orionis")

    # Service providers, registered in this order after the framework's own.
    providers = [AppServiceProvider]
'''

APP_PROVIDER = """
    from orionis import ServiceProvider


    class AppServiceProvider(ServiceProvider):
        pass
"""


async def test_the_generated_provider_is_listed_registered_and_booted(project: Project) -> None:
    project.write("config/app.py", SKELETON_CONFIG)
    project.write("app/providers/__init__.py", "")
    project.write("app/providers/app_service_provider.py", APP_PROVIDER)

    result = project.run("make:provider", "BillingServiceProvider")

    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "Provider created: app/providers/billing_service_provider.py",
        "Provider listed in config/app.py.",
    ]
    config = project.read("config/app.py")
    assert (
        "from app.providers.app_service_provider import AppServiceProvider\n"
        "from app.providers.billing_service_provider import BillingServiceProvider\n"
        "from orionis.config import env\n"
    ) in config
    assert "providers = [AppServiceProvider, BillingServiceProvider]\n" in config

    app = project.load()
    await app.boot()

    names = [type(provider).__name__ for provider in app.providers]
    assert names[-2:] == ["AppServiceProvider", "BillingServiceProvider"]
    assert app.is_booted()


def test_a_provider_listed_already_is_not_listed_twice(project: Project) -> None:
    project.write(
        "app/providers/billing.py",
        "from orionis import ServiceProvider\n\n\nclass Billing(ServiceProvider): ...\n",
    )
    project.write(
        "config/app.py",
        "from app.providers.billing import Billing\n\nproviders = [Billing]\n",
    )

    result = project.run("make:provider", "Billing", "--force")

    assert result.code == 0, result.err
    assert "Billing is already listed in config/app.py." in result.out
    assert project.read("config/app.py").count("Billing]") == 1


def test_without_a_providers_list_the_user_is_told_what_to_add(project: Project) -> None:
    project.write("config/app.py", 'name = "Shop"\n')

    result = project.run("make:provider", "Billing")

    assert result.code == 0, result.err
    assert result.out.splitlines()[1] == (
        "config/app.py has no `providers = [...]` list: add Billing to it yourself "
        "(from app.providers.billing import Billing)."
    )
    assert project.read("config/app.py") == 'name = "Shop"\n'
