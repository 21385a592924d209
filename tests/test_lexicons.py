"""Every language-data file: a header naming its source, and the schema its loader expects."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
import yaml

from marsad.actors import registry
from marsad.extract.lexicons import actor_matcher, load_yaml, trigger_matcher
from marsad.records import SUB_TO_TYPE

DATA = Path(str(resources.files("marsad").joinpath("data")))
FILES = sorted(p for p in DATA.rglob("*") if p.is_file() and p.suffix in (".yaml", ".tsv", ".txt"))


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(DATA)) for p in FILES])
def test_header_names_a_source(path: Path) -> None:
    head = path.read_text("utf-8").splitlines()[:12]
    comments = " ".join(line for line in head if line.startswith("#")).lower()
    assert comments, f"{path.name} has no header comment"
    assert "source" in comments or "geonames" in comments, f"{path.name}: the header does not say where it came from"


@pytest.mark.parametrize("path", [p for p in FILES if p.suffix == ".yaml"], ids=lambda p: p.name)
def test_yaml_parses(path: Path) -> None:
    assert isinstance(yaml.safe_load(path.read_text("utf-8")), dict)


def test_triggers_schema() -> None:
    data = load_yaml("triggers.yaml")
    for group in data["groups"]:
        assert SUB_TO_TYPE[group["sub"]] == group["type"]
        assert group["weight"] in (1, 2, 3)
        assert isinstance(group["rank"], int)
        assert group.get("initiator") in (None, "state")
        assert all(isinstance(p, str) and p.strip() for p in group["phrases"])
    assert len(trigger_matcher()) > 100


def test_actors_schema() -> None:
    data = load_yaml("actors.yaml")
    known = registry()
    bases = {k.split(":")[0] for k in known}
    for actor_id, phrases in {**data["actors"], **data["targets"]}.items():
        assert actor_id in known or (actor_id.endswith(":*") and actor_id[:-2] in bases), actor_id
        assert all(isinstance(p, str) and p.strip() for p in phrases)
    for row in data["dated"]:
        assert row["id"] in known and len(row["years"]) == 2 and row["years"][0] <= row["years"][1]
    assert len(actor_matcher()) > 200


def test_every_registry_actor_has_an_acled_name_and_inter_code() -> None:
    for actor in registry().values():
        assert actor.acled_name and 0 <= actor.inter <= 8


@pytest.mark.parametrize(("name", "keys"), [
    ("claims.yaml", {"cues", "sources", "responsibility", "accusation"}),
    ("status.yaml", {"background", "hypothetical", "general", "multiple", "days_before", "reference_before",
                     "description_openers"}),
    ("boilerplate.yaml", {"phrases", "regex"}),
])
def test_small_lexicons_have_their_sections(name: str, keys: set[str]) -> None:
    assert keys <= set(load_yaml(name))


def test_actor_families_name_registered_actors() -> None:
    from marsad.actors import families, registry

    known = registry()
    assert families(), "actors.yaml → families is empty"
    for whole, members in families().items():
        assert whole in known and members <= set(known), (whole, sorted(members - set(known)))


def test_place_roles_have_their_sections() -> None:
    keys = {"reach", "border", "speaker", "title", "destination", "situating", "situating_words", "quarter_km",
            "inside_words", "inside_clitics"}
    assert keys <= set(load_yaml("geo_cues.yaml")["place_roles"])
