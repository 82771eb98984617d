"""Widget builders: thin wiring from ipywidgets and plotly to the package's plain functions.

One module per notebook topic (``common`` and ``predict`` are shared by all). No logic lives here
that a test could not reach through the plain functions.
"""
