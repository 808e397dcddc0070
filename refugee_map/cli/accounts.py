"""``refugee-map create-user``: a back-office account of a region (admin, editor), or of
the whole network (network admin, of no region)."""

import sys

import click
from flask import current_app
from flask.cli import with_appcontext

from refugee_map.cli.common import chosen_region, ready_db
from refugee_map.domain import accounts as account_rules
from refugee_map.domain import regions
from refugee_map.domain import users as user_accounts


@click.command("create-user")
@with_appcontext  # what the group's own ``main.command`` adds to its commands
@click.argument("email")
@click.option("--role", type=click.Choice(account_rules.ROLES), required=True)
@click.option(
    "--region",
    "slug",
    metavar="SLUG",
    help="The region of an admin or editor (default: the first).",
)
@click.option(
    "--password-stdin", is_flag=True, help="Read the password from standard input (one line)."
)
def create_user(email: str, role: str, slug: str | None, password_stdin: bool) -> None:
    """Create a back-office account; the password comes from a prompt or stdin."""
    db = ready_db()
    region = account_region(db, role, slug)
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user = user_accounts.create_user(
            db, email, password, role, ph=account_rules.hasher(current_app.config), by="cli",
            region_id=region.id if region else None,
        )  # fmt: skip
    except account_rules.UserError as error:
        raise click.ClickException(f"{error.field}: {error.message}") from None
    where = f" in region {region.slug}" if region else " of the network (every region)"
    click.echo(f"Created {user.role} account {user.email}{where}.")


def account_region(db, role: str, slug: str | None) -> regions.Region | None:
    """The region ``slug`` names (default: the first), none for a network admin."""
    if role == account_rules.NETWORK_ADMIN:
        if slug is not None:
            raise click.ClickException("a network admin belongs to no region: leave out --region")
        return None
    return chosen_region(db, slug)
