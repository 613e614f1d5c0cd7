"""Imports run one way: no cycle anywhere in harness/, and no layer imports a layer above it.

The layers, lowest first (DESIGN.md, "Layers"): the shared base (errors, the YAML loader, the project
root, the driver-name table, the file classifier, the validation-error translator, the `${VAR}` grammar,
the secret registry and its masking);
the scenario model and the simulated device; translation; devices and reports; the runner; the
pytest glue; the command line.
"""

from __future__ import annotations

from tests.architecture.import_graph import cycles, edges, modules

LAYERS: dict[str, int] = {
    "harness": 0, "harness.errors": 0, "harness.yamlio": 0, "harness.project": 0, "harness.drivers": 0,
    "harness.kinds": 0, "harness.validation": 0, "harness.variables": 0, "harness.secrets": 0,
    "harness.masking": 0, "harness.patterns": 0, "harness.ports": 0, "harness.waiting": 0,
    "harness.scenario": 1, "harness.sim": 1,
    "harness.translate": 2,
    "harness.devices": 3, "harness.report": 3,
    "harness.runner": 4,
    "harness.pytest_plugin": 5, "harness.inspect": 5,
    "harness.cli": 6,
}


def layer_of(module: str) -> str:
    """The layer a module belongs to: its package under harness/, or itself for a top-level module."""
    parts = module.split(".")
    return ".".join(parts[:2])


def test_every_module_of_harness_has_a_layer():
    unknown = sorted({layer_of(name) for name in modules()} - set(LAYERS))
    assert not unknown, f"add these to LAYERS (and DESIGN.md's picture): {unknown}"


def test_the_graph_is_read_from_the_source():
    found = {(edge.source, edge.target) for edge in edges()}
    # a module-level import and a lazy one, both present today
    assert ("harness.pytest_plugin", "harness.pytest_plugin.collection") in found
    assert ("harness.cli.plan", "harness.devices.translation") in found


def test_no_import_cycle():
    found = cycles(edges())
    assert not found, "import cycles (every import counts, lazy ones too):\n" + "\n".join(
        " <-> ".join(component) for component in found
    )


def test_no_layer_imports_a_layer_above_it():
    upward = [
        f"{edge.source} (line {edge.line}) imports {edge.target}"
        for edge in edges()
        if LAYERS[layer_of(edge.target)] > LAYERS[layer_of(edge.source)]
    ]
    assert not upward, "upward imports:\n" + "\n".join(upward)


def test_layers_of_one_rank_do_not_import_each_other():
    sideways = [
        f"{edge.source} (line {edge.line}) imports {edge.target}"
        for edge in edges()
        if layer_of(edge.source) != layer_of(edge.target)
        and LAYERS[layer_of(edge.target)] == LAYERS[layer_of(edge.source)]
        and LAYERS[layer_of(edge.source)] > 0
    ]
    assert not sideways, "imports between layers of one rank:\n" + "\n".join(sideways)
