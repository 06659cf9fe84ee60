"""The extension's ``setup``: what it adds to Sphinx, one call per part."""

from __future__ import annotations

from typing import Any

from docutils.nodes import inline
from sphinx.application import Sphinx

from .. import __version__, labels
from . import (
    autolink,
    backlinks,
    build_events,
    config,
    external,
    graph_output,
    incremental,
    joined_pages,
    memory,
    ref_labels,
    std_inventory,
    std_terms,
    term_styles,
    unfinished,
    usage_report,
    usage_table,
)
from .backslashes import KeepBackslashes
from .directives import TermCardDirective, TermIndexDirective
from .domain import TermrefDomain
from .graph_directive import TermGraphDirective
from .nodes import CARD_NODES, term_backlinks, term_index_heading
from .roles import TermRefRole
from .transforms import ExpandAliases, SimplifyCards, UnlinkedTermsInMan
from .visitors import html, latex, text


def setup(app: Sphinx) -> dict[str, Any]:
    config.register(app)
    app.connect("config-inited", config.check)
    setup_markup(app)
    setup_nodes(app)
    setup_build_events(app)
    return {
        "version": __version__,
        "env_version": TermrefDomain.data_version,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


def setup_markup(app: Sphinx) -> None:
    app.add_domain(TermrefDomain)
    app.add_directive("term-card", TermCardDirective)
    app.add_directive("term-index", TermIndexDirective)
    app.add_directive("term-usage", usage_table.TermUsageDirective)
    app.add_directive("term-graph", TermGraphDirective)
    graph_output.setup(app)
    app.add_post_transform(usage_table.FillUsageTables)
    app.add_transform(KeepBackslashes)
    autolink.connect(app)
    app.add_role("termref", TermRefRole(innernodeclass=inline, warn_dangling=True))
    app.add_post_transform(joined_pages.JoinedPageLinks)
    app.add_post_transform(UnlinkedTermsInMan)
    app.add_message_catalog(labels.MESSAGE_CATALOG, str(labels.LOCALE_DIR))


def setup_nodes(app: Sphinx) -> None:
    for node in (*CARD_NODES, term_backlinks, term_index_heading):
        app.add_node(
            node,
            **{
                builder_format: module.VISITORS[node]
                for builder_format, module in (("html", html), ("latex", latex), ("text", text))
                if node in module.VISITORS
            },
        )
    # These post-transforms run in this order (910 to 940): the backlinks join the
    # card before builders without card visitors get plain nodes, and all of them
    # run after every post-transform of Sphinx (at most 800) and of this extension's
    # link fixes (900), which see the resolved references they need.
    for transform in (
        backlinks.AddBacklinks,
        ExpandAliases,
        SimplifyCards,
    ):
        app.add_post_transform(transform)
    app.connect("doctree-resolved", memory.CardPageCollector())


def setup_build_events(app: Sphinx) -> None:
    app.connect("builder-inited", build_events.load_database)
    app.connect("env-check-consistency", build_events.check_cards)
    app.connect("env-check-consistency", build_events.check_empty_database)
    incremental.connect(app)
    unfinished.connect(app)
    app.connect("env-before-read-docs", ref_labels.withdraw)
    # Once the canonical cards are known: after incremental.pages_to_rewrite has ordered the pages.
    app.connect("env-updated", ref_labels.register, priority=600)
    # After intersphinx's own exact lookup (priority 500), before the warning.
    app.connect("missing-reference", std_terms.resolve, priority=600)
    std_inventory.connect(app)
    app.connect("missing-reference", external.resolve, priority=650)
    # Before intersphinx: a local term's label is the project's own.
    app.connect("missing-reference", ref_labels.resolve_unshown, priority=450)
    app.connect("warn-missing-reference", build_events.warn_unknown)
    app.connect("env-check-consistency", usage_report.warn_unused)
    app.connect("env-updated", build_events.copy_static)
    term_styles.connect(app)
    app.connect("build-finished", usage_report.write_report)
