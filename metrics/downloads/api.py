"""Stateless data URLs beside the page: any replica answers them, and caches may keep them.

    /api/facts.csv?regions=…          exactly the bytes of ``python -m metrics export --region …``
    /api/datapackage.zip?regions=…    the data package the page offers
    /api/facts.json?regions=…         the same rows as JSON records
    /api/facts.xlsx?regions=…         the same rows as a spreadsheet, with the sources on a second sheet

``regions``, ``categories``, ``sources``, ``interventions`` and ``years`` may repeat (a region by slug or GB/T 2260
code); left out, they keep everything, and given empty (``?regions=``) they keep
nothing, as on the page. Responses carry a strong ``ETag`` (the body's SHA-256), so ``If-None-Match`` gets a 304, and
``Cache-Control`` lets HAProxy or a CDN keep them for a minute. No streamlit here.
"""

from __future__ import annotations

import gzip
import hashlib
import html
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route, Router
from starlette.types import ASGIApp, Receive, Scope, Send

from metrics.downloads.heavy import RETRY_AFTER_S, Busy
from metrics.downloads.names import CSV_NAME, JSON_NAME, PACKAGE_NAME, XLSX_NAME

if TYPE_CHECKING:
    from metrics.page.state import PageData, Selection

# Kept light (no pandas): the server imports this module at start, before it answers its
# health check, so the data and its libraries load with the first request instead.

APP_ROOT = Path(__file__).resolve().parents[2]
CACHE_CONTROL = "public, max-age=60, must-revalidate"
MAX_QUERY_CHARS = 2048
"""A longer query string is refused: no selection needs one."""
PARAMETERS = ("regions", "categories", "sources", "interventions", "years")


class BadRequest(ValueError):
    """A query the data URLs do not understand; the message says what to send instead."""


def selection_from_query(pairs: list[tuple[str, str]], data: PageData) -> Selection:
    """The (regions, categories, sources, interventions, years) a query asks for, or BadRequest naming what is wrong."""
    from metrics.page.filters import province_slug

    unknown = sorted({key for key, _ in pairs} - set(PARAMETERS))
    if unknown:
        raise BadRequest(f"unknown parameter {unknown[0]!r}; use {', '.join(PARAMETERS)}")
    chosen: dict[str, tuple[str, ...]] = {}
    lists = (
        ("regions", "region", data.regions),
        ("categories", "category", data.categories),
        ("sources", "source", data.source_ids),
        ("interventions", "intervention", data.interventions),
        ("years", "year", data.years),
    )
    for name, one, known in lists:
        values = [v for key, v in pairs if key == name]
        if not values:
            chosen[name] = tuple(known)
            continue
        if name == "regions":
            values = [province_slug(v) or v for v in values]
        wanted = {v for v in values if v}
        strange = sorted(wanted - set(known))
        if strange:
            raise BadRequest(f"unknown {one} {strange[0]!r}; known: {', '.join(known)}")
        chosen[name] = tuple(k for k in known if k in wanted)
    return chosen["regions"], chosen["categories"], chosen["sources"], chosen["interventions"], chosen["years"]


def data_url(selection: Selection, data: PageData, name: str = "facts.csv") -> str:
    """The path of the data URL for a selection, as short as it can be: parameters only where they narrow."""
    query = []
    # Articles of regions not chosen select nothing either way, so only a narrower choice among the rest is said.
    offered = tuple(s for s in data.source_ids if data.source_regions.get(s, set()) & set(selection[0]))
    known_lists = (data.regions, data.categories, offered, data.interventions, data.years)
    for parameter, chosen, known in zip(PARAMETERS, selection, known_lists, strict=True):
        if chosen != known:
            query += [(parameter, c) for c in chosen] or [(parameter, "")]
    return f"/api/{name}" + ("?" + urlencode(query) if query else "")


GZIP_MIN_BYTES = 512
"""Smaller bodies are sent as they are."""


def _quality(params: list[str]) -> float:
    """The ``q`` of one coding's parameters: 1 when absent, 0 when it is not a number from 0 to 1."""
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "q":
            try:
                q = float(value.strip())
            except ValueError:
                return 0.0
            return q if 0 <= q <= 1 else 0.0  # nan fails both comparisons
    return 1.0


def accepts_gzip(header: str) -> bool:
    """Whether an ``Accept-Encoding`` header admits gzip (RFC 9110 §12.5.3).

    ``gzip`` or ``x-gzip`` (the same coding, §8.4.1.3) with a q above 0, else ``*`` with one;
    ``gzip;q=0`` refuses it, and so does a q that is not a number (``gzip;q=abc``).
    """
    named: float | None = None
    star: float | None = None
    for part in header.split(","):
        coding, *params = part.split(";")
        coding = coding.strip().lower()
        if coding in ("gzip", "x-gzip"):
            named = max(named or 0.0, _quality(params))
        elif coding == "*":
            star = max(star or 0.0, _quality(params))
    chosen = named if named is not None else star
    return chosen is not None and chosen > 0


def not_modified(header: str | None, tag: str) -> bool:
    """RFC 9110 §13.1.2: ``*`` matches any current representation, and tags compare weakly (``W/`` ignored)."""
    if not header:
        return False
    wanted = [t.strip() for t in header.split(",")]
    return "*" in wanted or tag in [t.removeprefix("W/") for t in wanted]


def public_name(path: Path) -> str:
    """How answers name the data file: relative to the app's folder when inside it, else by its base name."""
    try:
        return path.resolve().relative_to(APP_ROOT).as_posix()
    except (OSError, ValueError):
        return path.name


def _endpoint(build: Callable[[PageData, Selection], bytes], media_type: str, filename: str) -> Callable:
    def endpoint(request: Request) -> Response:  # sync: Starlette runs it in a worker thread
        from metrics.page.state import data_path, page_state, source_text_paths

        query = request.url.query
        if len(query) > MAX_QUERY_CHARS:
            return PlainTextResponse(f"query longer than {MAX_QUERY_CHARS} characters\n", status_code=400)
        path = data_path()
        data = page_state(path, source_text_paths()).data
        if data.problems:
            shown = public_name(path)  # never the server's own path
            problems = "\n".join(p.replace(str(path), shown, 1) for p in data.problems)
            return PlainTextResponse(f"the data file has problems:\n{problems}\n", 503)
        try:
            selection = selection_from_query(request.query_params.multi_items(), data)
        except BadRequest as err:
            return PlainTextResponse(f"{err}\n", status_code=400)
        try:
            body = build(data, selection)
        except Busy as busy:
            return PlainTextResponse(f"{busy}\n", 503, {"Retry-After": str(RETRY_AFTER_S)})
        headers = {"Cache-Control": CACHE_CONTROL, "Vary": "Accept-Encoding"}
        if len(body) >= GZIP_MIN_BYTES and accepts_gzip(request.headers.get("accept-encoding", "")):
            body = gzip.compress(body, compresslevel=6, mtime=0)  # the same bytes every time, so the tag holds
            headers["Content-Encoding"] = "gzip"
        tag = f'"{hashlib.sha256(body).hexdigest()[:40]}"'  # one tag per representation: gzip has its own
        headers["ETag"] = tag
        if not_modified(request.headers.get("if-none-match"), tag):
            return Response(status_code=304, headers=headers)
        headers["Content-Disposition"] = f'attachment; filename="{filename}"'
        return Response(body, media_type=media_type, headers=headers)

    return endpoint


def _unknown(request: Request) -> Response:
    """Any other path under /api/: a 404 that names the URLs there are, never the page's HTML."""
    listed = "\n".join(f"  {route.path}" for route in ROUTES if isinstance(route, Route) and "{" not in route.path)
    return PlainTextResponse(f"no such data URL; the data URLs are:\n{listed}\n", status_code=404)


ROUTES = [
    Route("/api/facts.csv", _endpoint(lambda d, s: d.csv(s), "text/csv; charset=utf-8", CSV_NAME), methods=["GET"]),
    Route(
        "/api/datapackage.zip",
        _endpoint(lambda d, s: d.package(s), "application/zip", PACKAGE_NAME),
        methods=["GET"],
    ),
    Route(
        "/api/facts.xlsx",
        _endpoint(
            lambda d, s: d.xlsx(s), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", XLSX_NAME
        ),
        methods=["GET"],
    ),
    Route(
        "/api/facts.json",
        _endpoint(lambda d, s: d.json(s), "application/json", JSON_NAME),
        methods=["GET"],
    ),
]
ROUTES += [Route("/api", _unknown), Route("/api/{rest:path}", _unknown)]
"""Mounted beside the page by ``dashboard.py``."""


class DataUrlsFirst:
    """ASGI middleware that answers ``/api`` and ``/api/*`` with the data URLs' own router.

    It runs before Streamlit's middleware, whose gzip layer would otherwise compress any answer to a
    client whose ``Accept-Encoding`` merely contains "gzip" (``gzip;q=0`` included), under the identity
    body's tag, and add a second ``Vary``. The data URLs choose their encoding and tag themselves.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.router = Router(routes=ROUTES)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        root = scope.get("root_path", "")
        if root and path.startswith(root):
            path = path[len(root) :]
        if path == "/api" or path.startswith("/api/"):
            await self.router(scope, receive, send)
        else:
            await self.app(scope, receive, send)


DOWNLOADS = (
    ("download_csv", "facts.csv", CSV_NAME),
    ("download_xlsx", "facts.xlsx", XLSX_NAME),
    ("download_package", "datapackage.zip", PACKAGE_NAME),
)
_LINK_STYLE = (
    "<style>.data-downloads{display:flex;flex-direction:column;gap:.5rem;margin:.25rem 0}"
    ".data-downloads a{display:block;padding:.4rem .75rem;border:1px solid #6b6b76;border-radius:.5rem;"
    "color:inherit;text-decoration:none;text-align:center}"
    ".data-downloads a:hover{border-color:#0b5cad;color:#0b5cad}"
    ".data-downloads a:focus-visible{outline:3px solid #0b5cad;outline-offset:2px}</style>"
)


def download_links(selection: Selection, data: PageData, label: Callable[[str], str]) -> str:
    """HTML for the page's download controls: links to the data URLs, so any replica serves them, and the CSV's URL.

    Only our own labels and URLs built from known slugs go in, and both are escaped anyway.
    """
    links = "".join(
        f'<a href="{html.escape(data_url(selection, data, name))}" download="{html.escape(filename)}">'
        f"{html.escape(label(key))}</a>"
        for key, name, filename in DOWNLOADS
    )
    url = html.escape(data_url(selection, data))
    note = f"<p>{html.escape(label('data_url'))}<br><code>{url}</code></p>"
    return f'{_LINK_STYLE}<nav class="data-downloads" aria-label="Downloads">{links}{note}</nav>'
