from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from bench.generate import generate
from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS, streamlit_server

E2E = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if E2E in item.path.parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def many_regions(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server for a generated file of twelve provinces whose figures share indicators."""
    path = tmp_path_factory.mktemp("many-regions") / "metrics.yaml"
    path.write_text(generate(600), encoding="utf-8")
    with streamlit_server(env={"METRICS_FILE": str(path)}) as url:
        yield url


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with streamlit_server() as url:
        yield url
