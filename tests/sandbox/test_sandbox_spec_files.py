"""The sandbox ships the Bot API spec it checks calls against, with its licence."""

from importlib import resources


def test_spec_and_its_licence_ship_inside_the_package():
    spec_dir = resources.files("sandbox.spec")
    assert spec_dir.joinpath("api.json").read_text(encoding="utf-8").lstrip().startswith("{")
    assert "MIT License" in spec_dir.joinpath("LICENSE").read_text(encoding="utf-8")
