"""The examples in the docstrings of ctct.extract run as tests."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["ctct.extract", "ctct.extract.clean", "ctct.extract.patterns", "ctct.extract.results"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_hold(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0
    assert result.failed == 0
