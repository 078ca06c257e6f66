"""The ``imr-search`` group: the app with no command, else one of the commands.

Every command prints text for people by default, JSON Lines or CSV when
asked (``output``), problems go to stderr as ``path: reason``, and no input
ever produces a traceback. The commands live with their kind
(``commands_corpus``: letter files; ``commands_search``: asking an index);
this module only gathers them.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import IndexProblem, UserDataError
from .commands_corpus import index_cmd, parse, synth
from .commands_export import export_cmd
from .commands_saved import saved
from .commands_search import citations, search, show, similar, stats, treatments
from .commands_serve import serve
from .index_option import index_option
from .output import warn


class _Commands(click.Group):
    """The group; an index problem met by any command (a damaged file, say) is one ``error:`` line and exit 1."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (IndexProblem, UserDataError) as e:
            warn(f"error: {e}")
            sys.exit(1)


@click.group(cls=_Commands, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="imr-search")
@index_option("Index folder for the app and every command")
@click.option("--served", is_flag=True, help="The app read-only, for a browser (imr-search serve starts it so).")
@click.pass_context
def main(ctx: click.Context, index_dir: Path | None, served: bool) -> None:
    """Search California workers' compensation IMR decision letters, offline.

    With no command, opens the app on the index (built from sample_corpus/
    on a first run when the default index is missing).
    """
    if ctx.invoked_subcommand is None:
        from ..tui import run

        sys.exit(run(index_dir, served=served))
    if index_dir is not None:  # `imr-search --index DIR search ...` means that index too
        ctx.default_map = {name: {"index_dir": index_dir} for name in main.commands}


for command in (parse, index_cmd, search, show, similar, treatments, stats, citations, saved, synth, serve):
    main.add_command(command)
main.add_command(export_cmd)
