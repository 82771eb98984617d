"""fedstate: the package behind the teaching module on DHS, ICE and the states.

Notebooks import from :mod:`fedstate.notebook`; the logic lives in one module per concept
(``data``, ``charts``, ``responses``, ``checks``, ``predictions``, and the topic modules).
"""

__version__ = "0.1.0"
