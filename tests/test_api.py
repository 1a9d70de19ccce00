"""The stateless data URLs: the export's bytes, cacheable, and strict about what they are asked."""

from __future__ import annotations

import io
import itertools
import json
import multiprocessing
import pickle
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import pandas as pd
import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from bench.generate import generate
from metrics.__main__ import main
from metrics.catalogue.load import load
from metrics.downloads import heavy
from metrics.downloads.api import ROUTES
from metrics.downloads.spreadsheet import to_xlsx
from metrics.page.filters import province_slug
from metrics.page.frame import to_frame
from metrics.page.state import page_state
from tests.conftest import DATA_FILE


@pytest.fixture(scope="module")
def client():
    with TestClient(Starlette(routes=ROUTES)) as client:
        yield client


@pytest.fixture(autouse=True)
def shipped_data(monkeypatch):
    monkeypatch.delenv("METRICS_FILE", raising=False)
    monkeypatch.delenv("METRICS_SOURCE_TEXT", raising=False)


def exported(capsysbinary, *regions: str) -> bytes:
    assert main(["export", str(DATA_FILE), *(["--region", *regions] if regions else [])]) == 0
    return capsysbinary.readouterr().out


@pytest.mark.parametrize(
    ("query", "regions"),
    [
        ("", ()),
        ("?regions=liaoning", ("liaoning",)),
        ("?regions=ningxia&regions=shandong", ("ningxia", "shandong")),
        ("?regions=shandong&regions=ningxia", ("ningxia", "shandong")),  # file order, as export
    ],
    ids=["all", "one", "two", "two-reversed"],
)
def test_csv_url_serves_exactly_the_export_bytes(client, capsysbinary, query, regions):
    response = client.get(f"/api/facts.csv{query}")
    assert response.status_code == 200
    assert response.content == exported(capsysbinary, *regions)
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == 'attachment; filename="employment-facts.csv"'
    assert "max-age" in response.headers["cache-control"]


def test_an_empty_region_parameter_keeps_no_rows(client):
    rows = client.get("/api/facts.csv?regions=").content.decode("utf-8-sig").splitlines()
    assert len(rows) == 1  # the header alone


def test_a_matching_etag_gets_304_without_a_body(client):
    first = client.get("/api/facts.csv?regions=guangdong")
    tag = first.headers["etag"]
    again = client.get("/api/facts.csv?regions=guangdong", headers={"If-None-Match": tag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == tag
    other = client.get("/api/facts.csv?regions=ningxia", headers={"If-None-Match": tag})
    assert other.status_code == 200
    assert other.headers["etag"] != tag


def test_json_url_holds_the_csv_rows_with_numbers_as_numbers(client):
    records = client.get("/api/facts.json?regions=liaoning").json()
    frame = pd.read_csv(io.BytesIO(client.get("/api/facts.csv?regions=liaoning").content), encoding="utf-8-sig")
    assert [r["id"] for r in records] == frame["id"].tolist()
    assert [r["value"] for r in records] == [None if pd.isna(v) else v for v in frame["value"]]
    assert all(isinstance(r["value_low"], int | float) for r in records)


def test_package_url_holds_the_csv_and_its_descriptor(client, capsysbinary):
    response = client.get("/api/datapackage.zip?regions=ningxia")
    assert response.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert archive.read("employment-facts.csv") == exported(capsysbinary, "ningxia")
        assert json.loads(archive.read("datapackage.json"))["sources"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?region=liaoning", "unknown parameter 'region'"),
        ("?regions=atlantis", "unknown region 'atlantis'"),
        ("?regions=Liaoning", "unknown region 'Liaoning'"),
        ("?regions=%3Cscript%3E", "unknown region '<script>'"),
        ("?categories=weather", "unknown category 'weather'"),
        ("?regions=liaoning&" + "x" * 3000, "longer than"),
        ("?lang=zh", "unknown parameter 'lang'"),
    ],
    ids=["misspelt", "unknown-region", "capitalised", "markup", "unknown-category", "too-long", "page-parameter"],
)
def test_hostile_or_mistaken_parameters_get_a_400_that_says_why(client, query, message):
    response = client.get(f"/api/facts.csv{query}")
    assert response.status_code == 400
    assert message in response.text
    assert response.headers["content-type"].startswith("text/plain")


def test_only_get_and_head_are_answered(client):
    assert client.post("/api/facts.csv").status_code == 405
    head = client.head("/api/facts.csv")
    assert head.status_code == 200 and head.content == b""


def test_a_broken_data_file_gets_503_with_its_problems(client, monkeypatch, tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("facts: [\n", encoding="utf-8")
    monkeypatch.setenv("METRICS_FILE", str(path))
    response = client.get("/api/facts.csv")
    assert response.status_code == 503
    assert "broken.yaml:2:1:" in response.text  # named by its base name: it lies outside the app's folder
    assert str(tmp_path) not in response.text  # never the server's own path


IDENTITY = {"Accept-Encoding": "identity"}


@pytest.mark.parametrize("path", ["/api/facts.csv", "/api/facts.json", "/api/facts.xlsx", "/api/datapackage.zip"])
def test_star_and_weak_tags_match_as_rfc_9110_says(client, path):
    tag = client.get(path, headers=IDENTITY).headers["etag"]
    for header in ("*", f"W/{tag}", f'"other", W/{tag}'):
        response = client.get(path, headers={**IDENTITY, "If-None-Match": header})
        assert response.status_code == 304, header
    assert client.get(path, headers={**IDENTITY, "If-None-Match": '"other"'}).status_code == 200


def test_gzip_and_identity_bodies_carry_different_tags(client):
    plain = client.get("/api/facts.csv", headers=IDENTITY)
    packed = client.get("/api/facts.csv", headers={"Accept-Encoding": "gzip"})
    assert packed.headers["content-encoding"] == "gzip" and "content-encoding" not in plain.headers
    assert packed.content == plain.content  # the same rows, decoded
    assert packed.headers["etag"] != plain.headers["etag"]
    assert plain.headers["vary"] == packed.headers["vary"] == "Accept-Encoding"
    again = client.get("/api/facts.csv", headers={"Accept-Encoding": "gzip", "If-None-Match": packed.headers["etag"]})
    assert again.status_code == 304


def test_the_spreadsheet_has_the_same_bytes_whenever_it_is_built(client):
    first = client.get("/api/facts.xlsx", headers=IDENTITY)
    data = load(DATA_FILE)
    time.sleep(1.1)  # a writer that stamped the time of saving would differ by now
    assert to_xlsx(to_frame(data), data.sources) == first.content  # as another replica would build it
    core = zipfile.ZipFile(io.BytesIO(first.content)).read("docProps/core.xml")
    assert b"2022-11-01T00:00:00Z" in core


def test_the_data_package_is_compressed(client):
    archive = zipfile.ZipFile(io.BytesIO(client.get("/api/datapackage.zip", headers=IDENTITY).content))
    assert {item.compress_type for item in archive.infolist()} == {zipfile.ZIP_DEFLATED}
    assert sum(i.compress_size for i in archive.infolist()) < sum(i.file_size for i in archive.infolist()) / 2


@pytest.mark.parametrize(
    "path", ["/api", "/api/", "/api/FACTS.CSV", "/api/facts.csv.", "/api//facts.csv", "/api/facts.csv/x"]
)
def test_an_unknown_data_url_is_a_404_naming_the_ones_that_exist(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "/api/facts.csv" in response.text and "/api/datapackage.zip" in response.text
    assert "<html" not in response.text.lower()


def test_a_half_written_file_keeps_serving_the_last_complete_version(client, monkeypatch, tmp_path):
    path = tmp_path / "facts.yaml"
    text = DATA_FILE.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("METRICS_FILE", str(path))
    whole = client.get("/api/facts.csv", headers=IDENTITY)
    path.write_text(text[: len(text) // 2], encoding="utf-8")  # a writer pausing mid-file
    for _ in range(3):
        response = client.get("/api/facts.csv", headers=IDENTITY)
        assert response.status_code == 200
        assert response.content == whole.content


def held_bytes(data) -> int:
    """What the data's memos hold: each file's bytes, each frame's own count, each figure or table pickled."""
    total = 0
    for memo in (data.view, data.outputs, data.clauses, data.table, data.csv, data.package, data.json, data._xlsx_memo):
        for value in list(memo._values.values()):
            if isinstance(value, bytes):
                total += len(value)
            elif isinstance(value, pd.DataFrame):
                total += int(value.memory_usage(index=True, deep=True).sum())
            else:
                total += len(pickle.dumps(value))
    return total


def test_one_client_asking_for_many_selections_cannot_grow_the_memos_past_their_budget(client, monkeypatch, tmp_path):
    path = tmp_path / "metrics.yaml"
    path.write_text(generate(2000), encoding="utf-8")
    monkeypatch.setenv("METRICS_FILE", str(path))
    monkeypatch.setenv("METRICS_MEMO_MAX_MB", "4")
    regions = page_state(path).data.regions
    assert len(regions) == 12
    selections = [[r for r in regions if r != left] for left in regions]  # all but one
    selections += [list(pair) for pair in itertools.combinations(regions, 2)][:48]  # and two
    first = None
    for chosen in selections:
        response = client.get("/api/facts.csv?" + "&".join(f"regions={r}" for r in chosen), headers=IDENTITY)
        assert response.status_code == 200
        first = first or response.content
        assert held_bytes(page_state(path).data) <= 4 * 2**20
    again = client.get("/api/facts.csv?" + "&".join(f"regions={r}" for r in selections[0]), headers=IDENTITY)
    assert again.content == first  # an evicted answer is built again, the same


def test_names_a_client_sends_do_not_grow_the_region_look_up_without_bound(client):
    from metrics.catalogue.regions import resolve

    for number in range(5000):
        assert province_slug(f"nowhere-{number}") is None
    assert resolve.cache_info().currsize <= 4096


def test_spreadsheets_beyond_what_the_server_builds_at_once_are_turned_away_while_csv_answers(
    client, monkeypatch, tmp_path
):
    path = tmp_path / "metrics.yaml"
    path.write_text(generate(600), encoding="utf-8")
    monkeypatch.setenv("METRICS_FILE", str(path))
    data = page_state(path).data
    wanted = [[r for r in data.regions if r != left] for left in data.regions[:9]]  # nine new, large selections

    def ask(regions: list[str]):
        return client.get("/api/facts.xlsx?" + "&".join(f"regions={r}" for r in regions), headers=IDENTITY)

    with ThreadPoolExecutor(len(wanted)) as pool:
        answers = list(pool.map(ask, wanted))
        small = client.get(f"/api/facts.csv?regions={data.regions[0]}", headers=IDENTITY)
    assert small.status_code == 200
    built = [(regions, a) for regions, a in zip(wanted, answers, strict=True) if a.status_code == 200]
    refused = [a for a in answers if a.status_code != 200]
    assert built and refused
    for answer in refused:
        assert answer.status_code == 503
        assert answer.headers["retry-after"] == str(heavy.RETRY_AFTER_S)
        assert "try again" in answer.text
    for regions, answer in built[:1]:  # what was built is right: the spreadsheet of exactly that selection
        frame = data.view((tuple(regions), data.categories, data.source_ids, data.interventions, data.years))
        assert answer.content == to_xlsx(frame, data.sources)


def test_the_spreadsheet_worker_ends_when_it_has_nothing_to_build_and_a_new_one_serves_the_next(client, monkeypatch):
    monkeypatch.setattr(heavy, "IDLE_S", 0.4)
    first = client.get("/api/facts.xlsx?regions=ningxia", headers=IDENTITY)
    assert first.status_code == 200
    pool = heavy._pool
    assert pool is not None
    workers = list(pool._processes.values())
    assert workers and all(w.is_alive() for w in workers)
    deadline = time.monotonic() + 15
    while heavy._pool is pool and time.monotonic() < deadline:
        time.sleep(0.1)
    assert heavy._pool is not pool
    assert not heavy.exited_within([w.sentinel for w in workers], 15)  # it has exited: its memory is given back
    again = client.get("/api/facts.xlsx?regions=guangdong", headers=IDENTITY)
    assert again.status_code == 200 and again.content[:2] == b"PK"


def test_an_ended_spreadsheet_worker_that_does_not_exit_is_terminated(monkeypatch):
    """A worker still busy (or stuck) when its pool is ended is not left holding its memory."""
    monkeypatch.setattr(heavy, "END_S", 0.5)
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
    stuck = pool.submit(time.sleep, 120)
    deadline = time.monotonic() + 60
    while not stuck.running() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert stuck.running()
    workers = list(pool._processes.values())
    started = time.monotonic()
    heavy._end(pool)
    assert time.monotonic() - started < 3 * heavy.END_S + 1
    assert workers and not heavy.exited_within([w.sentinel for w in workers], 0)
