#!/usr/bin/env python3
"""Converts YAML files to JSON as a YAML 1.2 editor reads them (the core
schema: true/True/TRUE are booleans, 010 is ten, 2024-03-27 and yes are
strings, << is an ordinary key), which is what the YAML language server checks
against the JSON Schema. PyYAML alone reads YAML 1.1, where `yes` is a boolean
and a date is a date.

Usage: yaml_to_json.py IN.yaml OUT.json [IN.yaml OUT.json ...]
"""
import json
import re
import sys

import yaml


class CoreLoader(yaml.SafeLoader):
    """SafeLoader with the YAML 1.2 core schema's implicit types only."""


CoreLoader.yaml_implicit_resolvers = {}
CoreLoader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
CoreLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"))
CoreLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
    list("-+0123456789"))
CoreLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$"),
    list("-+0123456789."))


def construct_int(loader, node):
    text = loader.construct_scalar(node)
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text, 10)


CoreLoader.add_constructor("tag:yaml.org,2002:int", construct_int)


def main(args):
    if len(args) % 2 != 0 or not args:
        sys.exit(__doc__)
    for source, target in zip(args[::2], args[1::2]):
        with open(source, encoding="utf-8") as f:
            document = yaml.load(f, Loader=CoreLoader)
        with open(target, "w", encoding="utf-8") as f:
            json.dump(document, f, ensure_ascii=False, allow_nan=False)


if __name__ == "__main__":
    main(sys.argv[1:])
