"""The builder that is writing the output, for code that has only the environment.

Post-transforms get the environment, not the application. Sphinx 9 deprecates
``SphinxTransform.app`` and ``BuildEnvironment.app`` (its own post-transforms read
``env._app``), and Sphinx 8.0 has only ``env.app``: this is the one place that
knows both, so the transforms stay free of deprecation warnings on every version.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment


def current_builder(env: BuildEnvironment) -> Builder:
    """The builder of the running build."""
    app: Sphinx | None = getattr(env, "_app", None)  # Sphinx 8.1+
    if app is None:
        app = env.app  # Sphinx 8.0
    return app.builder
