"""One module per topic, each declaring the schemas of its datasets with ``fedstate.data.register``.

Every module in this folder is imported by ``fedstate.data.schemas()``, so a new topic's file is
picked up (and its datasets validated by the tests) without editing anything else.
"""
