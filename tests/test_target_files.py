"""Checks of the built-in target files against their source documents.

The quote test needs the source texts in ``../shared/seeds/`` beside the repository
and is skipped where they are not.
"""

import re

import pytest

from conftest import SEEDS
from pcheck.model import Catalog, Target
from pcheck.targets import default_directory, load_targets

# Romanisation that one source carries in parentheses after many characters.
ROMANISATION = re.compile(r"\([a-zA-Züāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ]+\)")


def normalised(text: str) -> str:
    return re.sub(r"\s+", "", ROMANISATION.sub("", text))


def builtin(catalog: Catalog) -> list[Target]:
    return load_targets(default_directory(), catalog)


def test_romanisation_is_removed() -> None:
    assert normalised("揚(yáng)州 如何(hé)圍繞") == "揚州如何圍繞"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source texts are not beside the repository")
def test_every_quote_is_in_its_source(catalog: Catalog) -> None:
    sources: dict[str, str] = {}
    missing = []
    for target in builtin(catalog):
        name = target.document.source
        if name not in sources:
            path = SEEDS / name
            assert path.is_file(), f"{target.location}: source {name} not found"
            sources[name] = normalised(path.read_text(encoding="utf-8"))
        if normalised(target.quote) not in sources[name]:
            missing.append(f"{target.location}: {target.id}: {target.quote}")
    assert not missing, "quotes not found in their sources:\n" + "\n".join(missing)


def test_every_target_file_names_an_existing_kind_of_source(catalog: Catalog) -> None:
    for target in builtin(catalog):
        assert re.fullmatch(r"\d{3}_[0-9a-f]{16}\.txt", target.document.source), target.location
