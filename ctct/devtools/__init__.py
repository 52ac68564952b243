"""Tools for developers, at the top of the layering: the demo organization (``demo``), the
generated world of the import benchmark (``worldgen``), the benchmarks (``bench``) and the
``ctct demo-data`` / ``ctct bench`` commands. Product code never imports this package.

This module and ``bench/__init__.py`` import nothing, so ``ctct bench text`` and
``ctct bench extract`` run without loading Django.
"""
