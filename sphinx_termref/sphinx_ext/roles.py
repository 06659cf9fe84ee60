"""The ``:termref:`` role: a cross-reference to a term by id, name or alias."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.roles import XRefRole

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment


class TermRefRole(XRefRole):
    """``:termref:`inner optimization``` or ``:termref:`text <inner optimization>```.

    Whatever name the role is registered under, it creates ``termref:term``
    references, so ``nitpick_ignore`` entries read ``("termref:term", target)``.
    """

    def create_xref_node(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        self.refdomain, self.reftype = "termref", "term"
        self.classes = ["xref", "termref"]
        return super().create_xref_node()

    def process_link(
        self,
        env: BuildEnvironment,
        refnode: nodes.Element,
        has_explicit_title: bool,
        title: str,
        target: str,
    ) -> tuple[str, str]:
        # Records nothing: the domain collects references from the doctree.
        return title, " ".join(target.split())
