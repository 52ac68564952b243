"""The examples in the docstrings run as tests."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "ctct.text",
    "ctct.text.normalize",
    "ctct.text.encodings",
    "ctct.text.errors",
    "ctct.text.dates",
    "ctct.text.docnumbers",
    "ctct.text.names",
    "ctct.text.sentences",
    "ctct.text.bodynames",
    "ctct.text.titles",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_hold(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0, f"{name} has no examples"
    assert result.failed == 0
