"""Everything Sphinx calls: the ``termref`` domain, its roles and directives, the
cards and their visitors, the transforms and the build events. ``extension.setup``
adds them all.
"""
