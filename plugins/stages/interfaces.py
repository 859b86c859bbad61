"""Stage 2, interfaces: every class, signature and command head before any body.

Each code unit is rendered with stub bodies (``raise NotImplementedError``) from its
design unit's interface, so that cross-file calls (the CLI calling a store method, a
test calling a function) are fixed before implementation and agree by construction.
A person stopping here (``--stop-after interfaces``) can review and edit the
``interface`` of each unit in ``.spf/state.json``; the function signature edited there
is the one the implement stage asks the backend to fill.
"""

from __future__ import annotations

from spf import hookimpl
from spf.pipeline import PipelineState, Stage


class InterfacesStage(Stage):
    name = "interfaces"
    after = ("scaffold",)
    description = "classes, signatures and command heads with stub bodies"

    def run(self, state: PipelineState) -> None:
        from spf_plugins.stages.render import render_code_unit

        for unit in state.units.values():
            if unit.kind not in ("class", "function") or unit.status != "planned":
                continue
            unit.source = render_code_unit(state, unit, interface=True)
            unit.status = "interface"
            unit.stage = self.name
            unit.backend = "template"

    def summary(self, state: PipelineState) -> str:
        count = sum(unit.status == "interface" for unit in state.units.values())
        return f"{count} interfaces"


@hookimpl
def register_stages(register):
    register(InterfacesStage())
