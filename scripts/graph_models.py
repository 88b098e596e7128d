#!/usr/bin/env python3
"""Rust models of Microsoft Graph entity types, generated from the Graph create-examples corpus
(`create-examples.jsonl`, one documented "Create X" page per line). Standard library only.

Two uses:

* `scripts/compile-time.sh` generates one crate of N entity types twice, with the odata derives
  (`--flavor odata`) and with plain serde derives carrying the same renames (`--flavor serde`):

      graph_models.py crate --corpus create-examples.jsonl --types types.txt --count 300 \
          --flavor odata --out lib.rs

* The wide entity of the benchmarks (`benches/models/wide.rs` and `benches/data/wide/`) was
  generated once with

      graph_models.py bench --corpus create-examples.jsonl --types types.txt \
          --entity windows10GeneralConfiguration \
          --out benches/models/wide.rs --data benches/data/wide
      cargo fmt --all

  It writes the odata model, the plain serde model (the deserialization baseline and the source
  of the naive create route), the hand-written create DTO (the serialization floor) and the
  documented request and response bodies.

Mapping: every property is `Option<_>`; Edm.String, Guid, Duration, TimeOfDay, Date, DateTime
and Stream and every enum are `String`; Int32 `i32`, Int64 `i64`, Double `f64`, Single `f32`,
DateTimeOffset and Binary the odata types; `X collection` is `Vec<X>`. A complex type's fields
are read from the example objects that carry its `@odata.type` (the corpus has no table for
them); a value that none describes is a `serde_json::Value`. The key is `id`; the read-only
properties are those that the documented response has and the request lacks (`id`,
`createdDateTime`, ...), as on Graph's pages. Fields are declared in the response's order, so
that the documented bodies are written back member for member.

Names: fields are named by odata-codegen's own rule (snake_case identifiers, keywords raw,
`self` suffixed, collisions numbered, a `rename` exactly where the derive's camelCase rule
does not give the wire name back), asked of `odata-codegen --field-names` once per run
(`--codegen PATH`, else `cargo run --release -p odata-codegen`); type names keep this
script's rule (the first letter capitalized).
"""

import argparse
import json
import os
import re
import subprocess
import sys

PRIMITIVES = {
    "String": "String",
    "Boolean": "bool",
    "Int32": "i32",
    "Int64": "i64",
    "Double": "f64",
    "Single": "f32",
    "DateTimeOffset": "::odata::DateTimeOffset",
    "Binary": "::odata::Binary",
    "Guid": "String",
    "Duration": "String",
    "TimeOfDay": "String",
    "Date": "String",
    "DateTime": "String",
    "Stream": "String",
}
JSON = ("json",)
DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
PATH = re.compile(r"^/[A-Za-z0-9\-._~!$&'()*+,;=:@/{}]+$")
NAMESPACE = "microsoft.graph."


def pascal(name):
    return name[:1].upper() + name[1:]


def field_names(codegen, structs):
    """The generator's names for the fields of each struct (a list of wire names): a dict from
    the tuple of wire names to [(rust field, needs rename)], from one `odata-codegen
    --field-names` run, so that these models name fields exactly as generated crates do."""
    unique = sorted({tuple(wires) for wires in structs if wires})
    text = "".join("".join(wire + "\n" for wire in wires) + "\n" for wires in unique)
    output = subprocess.run(codegen + ["--field-names"], input=text, capture_output=True, text=True, check=True).stdout
    groups = [group for group in output.split("\n\n") if group.strip()]
    if len(groups) != len(unique):
        sys.exit("odata-codegen --field-names: %d structs named, %d asked" % (len(groups), len(unique)))
    names = {(): []}
    for wires, group in zip(unique, groups):
        rows = [line.split("\t") for line in group.splitlines()]
        names[wires] = [(ident, flag == "rename") for ident, flag in rows]
    return names


def codegen_command(args):
    """How to run odata-codegen: `--codegen PATH`, else through cargo from this repository."""
    if args.codegen:
        return [args.codegen]
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    return ["cargo", "run", "--quiet", "--release", "-p", "odata-codegen",
            "--manifest-path", os.path.join(root, "Cargo.toml"), "--"]


class Models:
    """Complex types seen in examples, by qualified name: {wire name: type}, in first-seen order."""

    def __init__(self, kinds):
        self.kinds = kinds
        self.complex = {}

    def infer(self, value):
        if isinstance(value, bool):
            return ("prim", "bool")
        if isinstance(value, int):
            return ("prim", "i64")
        if isinstance(value, float):
            return ("prim", "f64")
        if isinstance(value, str):
            return ("prim", "::odata::DateTimeOffset" if DATE_TIME.match(value) else "String")
        if isinstance(value, list):
            inner = JSON
            for item in value:
                inner = merge(inner, self.infer(item))
            return ("vec", inner)
        if isinstance(value, dict) and isinstance(value.get("@odata.type"), str):
            return self.observe(value)
        return JSON

    def observe(self, obj):
        name = obj["@odata.type"].lstrip("#")
        fields = self.complex.setdefault(name, {})
        for key, value in obj.items():
            if key.startswith("@"):
                continue
            fields[key] = merge(fields.get(key), self.infer(value))
        return ("complex", name)

    def declared(self, declared, value, present):
        """The type of an entity property from its Properties-table type and its example."""
        collection = declared.endswith(" collection")
        base = declared[: -len(" collection")] if collection else declared
        if base in PRIMITIVES:
            ty = ("prim", PRIMITIVES[base])
        else:
            kind = self.kinds.get(declared, "unknown").split("+")[0]
            if kind == "enum":
                ty = ("prim", "String")
            elif kind == "complex" and present and value is not None:
                inferred = self.infer(value)
                ty = inferred[1] if inferred[0] == "vec" else inferred
                if ty == JSON:
                    ty = self.declare(base)
            elif kind == "complex":
                ty = self.declare(base)
            elif present and value is not None:
                inferred = self.infer(value)
                ty = inferred[1] if inferred[0] == "vec" else inferred
            else:
                ty = JSON
        return ("vec", ty) if collection else ty

    def declare(self, base):
        name = NAMESPACE + base
        self.complex.setdefault(name, {})
        return ("complex", name)


def merge(old, new):
    if old is None or old == JSON:
        return new
    if new == JSON or old == new:
        return old
    if old[0] == "vec" and new[0] == "vec":
        return ("vec", merge(old[1], new[1]))
    return JSON


class Entity:
    def __init__(self, record, models):
        self.name = record["entity"]
        self.type_name = NAMESPACE + record["entity"]
        self.collection = record["collection_path"]
        response, request = record["response"], record["request"]
        table = {}
        for prop in record["properties"]:
            table.setdefault(prop["name"], prop["type"])
        order = [key for key in response if not key.startswith("@")]
        order += [name for name in table if name not in response]
        self.read_only = {key for key in response if key not in request and not key.startswith("@")}
        self.read_only.add("id")
        self.fields = []
        for wire in order:
            present = wire in response
            value = response.get(wire)
            if wire in table:
                ty = models.declared(table[wire], value, present)
            else:
                ty = models.infer(value)
            self.fields.append((wire, ty))


def eligible(record):
    names = {prop["name"] for prop in record["properties"]}
    return bool(record["collection_path"]) and PATH.match(record["collection_path"]) and "id" in names


def load(corpus, types):
    kinds = {}
    with open(types, encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#") or not line.strip():
                continue
            _count, declared, kind = line.rstrip("\n").split("\t")
            kinds[declared] = kind
    with open(corpus, encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines if line.strip()]
    return records, kinds


class Renderer:
    def __init__(self, models, entities, codegen):
        self.models = models
        self.entities = entities
        structs = [[wire for wire, _ in entity.fields] for entity in entities]
        structs += [list(fields) for fields in models.complex.values()]
        self.field_names = field_names(codegen, structs)
        used = {pascal(entity.name) for entity in entities}
        self.names = {}
        for name in models.complex:
            rust = pascal(name.rsplit(".", 1)[-1])
            while rust in used:
                rust += "Value"
            used.add(rust)
            self.names[name] = rust
        self.boxed = self.cycles()

    def cycles(self):
        """Direct (not `Vec`) fields that close a cycle of complex types: they are boxed."""
        direct = {
            name: {ty[1] for ty in fields.values() if ty[0] == "complex"}
            for name, fields in self.models.complex.items()
        }

        def reaches(start, goal):
            seen, stack = set(), [start]
            while stack:
                node = stack.pop()
                if node == goal:
                    return True
                if node not in seen:
                    seen.add(node)
                    stack.extend(direct.get(node, ()))
            return False

        return {(owner, target) for owner, targets in direct.items() for target in targets
                if reaches(target, owner)}

    def rust_type(self, ty, owner):
        if ty[0] == "prim":
            return ty[1]
        if ty[0] == "vec":
            return "Vec<%s>" % self.rust_type(ty[1], None)
        if ty[0] == "complex":
            rust = self.names[ty[1]]
            return "Box<%s>" % rust if (owner, ty[1]) in self.boxed else rust
        return "::serde_json::Value"

    def members(self, fields):
        """(rust field, wire name, needs rename) for each wire name, unique within the struct:
        the generator's rule (`odata-codegen --field-names`)."""
        wires = tuple(wire for wire, _ty in fields)
        return [(member, wire, rename) for (member, rename), wire in zip(self.field_names[wires], wires)]

    def odata(self, derives, patch=True):
        out = []
        opt_out = "" if patch else ", patch = false"
        for entity in self.entities:
            out.append("#[derive(%s)]" % ", ".join(derives + ["::odata::ODataResource"]))
            out.append('#[odata(type = "%s", collection = "%s"%s)]' % (entity.type_name, entity.collection, opt_out))
            out.append("pub struct %s {" % pascal(entity.name))
            for (member, wire, rename), (_, ty) in zip(self.members(entity.fields), entity.fields):
                flags = []
                if wire == "id":
                    flags.append("key")
                if wire in entity.read_only:
                    flags.append("read_only")
                if rename:
                    flags.append('rename = "%s"' % wire)
                if flags:
                    out.append("    #[odata(%s)]" % ", ".join(flags))
                out.append("    pub %s: Option<%s>," % (member, self.rust_type(ty, None)))
            out.append("}")
            out.append("")
        for name, fields in self.models.complex.items():
            field_list = list(fields.items())
            out.append("#[derive(%s)]" % ", ".join(derives + ["::odata::ODataComplex"]))
            out.append('#[odata(type = "%s")]' % name)
            out.append("pub struct %s {" % self.names[name])
            for (member, wire, rename), (_, ty) in zip(self.members(field_list), field_list):
                if rename:
                    out.append('    #[odata(rename = "%s")]' % wire)
                out.append("    pub %s: Option<%s>," % (member, self.rust_type(ty, name)))
            out.append("}")
            out.append("")
        return out

    def serde(self, derives, floor):
        """Plain serde models; `floor` keeps only writable properties and adds `@odata.type`."""
        out = []
        derive = "#[derive(%s)]" % ", ".join(derives + ["::serde::Serialize", "::serde::Deserialize"])
        odata_type = ['    #[serde(rename = "@odata.type")]', "    pub odata_type: String,"]
        skip = 'skip_serializing_if = "Option::is_none"'
        for entity in self.entities:
            out.append(derive)
            out.append('#[serde(rename_all = "camelCase")]')
            out.append("pub struct %s {" % pascal(entity.name))
            if floor:
                out.extend(odata_type)
            for (member, wire, rename), (_, ty) in zip(self.members(entity.fields), entity.fields):
                if floor and wire in entity.read_only:
                    continue
                attrs = (['rename = "%s"' % wire] if rename else []) + [skip]
                out.append("    #[serde(%s)]" % ", ".join(attrs))
                out.append("    pub %s: Option<%s>," % (member, self.rust_type(ty, None)))
            out.append("}")
            out.append("")
        for name, fields in self.models.complex.items():
            field_list = list(fields.items())
            out.append(derive)
            out.append('#[serde(rename_all = "camelCase")]')
            out.append("pub struct %s {" % self.names[name])
            if floor:
                out.extend(odata_type)
            for (member, wire, rename), (_, ty) in zip(self.members(field_list), field_list):
                attrs = (['rename = "%s"' % wire] if rename else []) + [skip]
                out.append("    #[serde(%s)]" % ", ".join(attrs))
                out.append("    pub %s: Option<%s>," % (member, self.rust_type(ty, name)))
            out.append("}")
            out.append("")
        return out


def crate_command(args):
    records, kinds = load(args.corpus, args.types)
    models = Models(kinds)
    chosen = [record for record in records if eligible(record)][: args.count]
    if len(chosen) < args.count:
        sys.exit("only %d eligible pages" % len(chosen))
    entities = [Entity(record, models) for record in chosen]
    renderer = Renderer(models, entities, codegen_command(args))
    lines = [
        "//! %d Microsoft Graph entity types (and %d complex types), generated by"
        % (len(entities), len(models.complex)),
        "//! scripts/graph_models.py with `--flavor %s`." % args.flavor,
        "",
    ]
    if args.flavor == "odata":
        lines += renderer.odata([])
    elif args.flavor == "odata-no-patch":
        lines += renderer.odata([], patch=False)
    else:
        lines += renderer.serde([], floor=False)
    write(args.out, lines)
    fields = sum(len(entity.fields) for entity in entities)
    nested = sum(len(fields) for fields in models.complex.values())
    print("%s: %d entity types (%d properties), %d complex types (%d properties)"
          % (args.out, len(entities), fields, len(models.complex), nested), file=sys.stderr)


def bench_command(args):
    records, kinds = load(args.corpus, args.types)
    record = next(record for record in records if record["entity"] == args.entity)
    models = Models(kinds)
    entity = Entity(record, models)
    renderer = Renderer(models, [entity], codegen_command(args))
    derives = ["Debug", "Clone", "PartialEq"]
    nested = []
    for wire, ty in entity.fields:
        if wire in entity.read_only:
            continue
        inner = ty[1] if ty[0] == "vec" else ty
        if inner[0] == "complex":
            nested.append((wire, inner[1]))
    read_only = [wire for wire, _ in entity.fields if wire in entity.read_only]
    data = os.path.relpath(args.data, os.path.dirname(args.out))
    lines = [
        "//! `%s`: the widest page of the Graph create-examples corpus" % entity.name,
        "//! (%s), %d properties." % (record["page"], len(entity.fields)),
        "//! Generated by scripts/graph_models.py (see its docstring); do not edit.",
        "#![allow(dead_code)]",
        "",
        "/// The documented request body.",
        'pub const REQUEST: &str = include_str!("%s/request.json");' % data,
        "/// The documented 201 response body.",
        'pub const RESPONSE: &str = include_str!("%s/response.json");' % data,
        "/// The read-only properties: what the naive create route removes.",
        "pub const READ_ONLY: &[&str] = &[%s];" % ", ".join('"%s"' % wire for wire in read_only),
        "/// The writable properties that hold complex values, with their `@odata.type`: what the",
        "/// naive create route inserts.",
        "pub const NESTED_TYPES: &[(&str, &str)] = &[%s];"
        % ", ".join('("%s", "%s")' % pair for pair in nested),
        "/// The entity's `@odata.type` annotation.",
        'pub const TYPE_ANNOTATION: &str = "#%s";' % entity.type_name,
        "",
        "/// The model with the odata derives.",
        "pub mod model {",
    ]
    lines += ["    " + line if line else "" for line in renderer.odata(derives)]
    lines += [
        "}",
        "",
        "/// Plain `#[derive(serde::Serialize, serde::Deserialize)]` with the same renames.",
        "pub mod plain {",
    ]
    lines += ["    " + line if line else "" for line in renderer.serde(derives, floor=False)]
    lines += [
        "}",
        "",
        "/// The floor: a hand-written create DTO holding only the writable properties, with",
        "/// `@odata.type` as a field.",
        "pub mod floor {",
    ]
    lines += ["    " + line if line else "" for line in renderer.serde(derives, floor=True)]
    lines += ["}"]
    write(args.out, [line.rstrip() for line in lines])
    os.makedirs(args.data, exist_ok=True)
    for name in ("request", "response"):
        with open(os.path.join(args.data, name + ".json"), "w", encoding="utf-8") as out:
            json.dump(record[name], out, indent=2, ensure_ascii=False)
            out.write("\n")


def write(path, lines):
    while lines and lines[-1] == "":
        lines.pop()
    with open(path, "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("crate", "bench"):
        command = commands.add_parser(name)
        command.add_argument("--corpus", required=True)
        command.add_argument("--types", required=True)
        command.add_argument("--out", required=True)
        command.add_argument("--codegen", help="the odata-codegen binary (default: cargo run --release)")
        if name == "crate":
            command.add_argument("--count", type=int, default=300)
            command.add_argument("--flavor", choices=["odata", "odata-no-patch", "serde"], required=True)
        else:
            command.add_argument("--entity", required=True)
            command.add_argument("--data", required=True)
    args = parser.parse_args()
    if args.command == "crate":
        crate_command(args)
    else:
        bench_command(args)


if __name__ == "__main__":
    main()
