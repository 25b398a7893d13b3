"""Datasette plugins that ``raqib browse`` loads with ``--plugins-dir`` (this folder)."""
