"""`recount review serve`: a local web app for working through flags with the source beside each.

Flask (Werkzeug's server, Jinja2 templates autoescaped) because the app is a handful of
server-rendered pages and one form; no JavaScript framework and nothing fetched from outside:
the stylesheet and the small keyboard script are served from the package, and the Content
Security Policy forbids every other origin. The app reads the output folder's tables (read
again when they change, so a re-ingest shows without a restart) and writes only to the
decisions store, which the report, `recount check` and `recount review` read too.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from flask import Blueprint, Flask, Response, abort, current_app, redirect, render_template, request
from flask.typing import ResponseReturnValue
from werkzeug.serving import make_server

from pipeline.output.reader import read_pages
from pipeline.review.cards import OPEN, Card, card, cards, coverage
from pipeline.review.decisions import REASONS, DecisionStore
from pipeline.review.outputs import Outputs, load, open_store, with_decisions
from pipeline.review.pages import page_view
from pipeline.review.source import READ, page_crop, spots
from pipeline.rules.rounding import plain

FILTERS = ("doc", "rule", "severity", "status")
CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'"
TABLES = ("documents", "facts", "flags", "pages")


@dataclass
class Snapshot:
    """The output folder as last read, and the tables' modification times then."""
    stamp: tuple
    outputs: Outputs
    pages: dict[tuple[str, int], str]


class Review:
    """The folder and store the app serves; re-reads the tables when a run has changed them."""

    def __init__(self, out_dir: Path, store: DecisionStore) -> None:
        self.out_dir, self.store = out_dir, store
        self.snapshot: Snapshot | None = None

    def stamp(self) -> tuple:
        paths = [self.out_dir / f"{name}.parquet" for name in TABLES]
        return tuple(p.stat().st_mtime_ns if p.exists() else None for p in paths)

    def current(self) -> Snapshot:
        stamp = self.stamp()
        if self.snapshot is None or self.snapshot.stamp != stamp:
            self.snapshot = Snapshot(stamp, load(self.out_dir, self.store), read_pages(self.out_dir))
        return Snapshot(stamp, with_decisions(self.snapshot.outputs, self.store), self.snapshot.pages)


def queue(items: list[Card], chosen: dict[str, str]) -> list[Card]:
    """The flags the filters let through (status `open` takes reopened ones too)."""
    def keep(c: Card) -> bool:
        f = c.flag
        return ((not chosen.get("doc") or f.doc_id == chosen["doc"])
                and (not chosen.get("rule") or f.rule_id == chosen["rule"])
                and (not chosen.get("severity") or f.severity == chosen["severity"])
                and (not chosen.get("status") or f.status == chosen["status"]
                     or (chosen["status"] == "open" and f.status in OPEN)))
    return [c for c in items if keep(c)]


bp = Blueprint("review", __name__, template_folder="templates", static_folder="static",
               static_url_path="/static")


def create_app(out_dir: str | Path, store: str | Path | None = None) -> Flask:
    """The app over one output folder and its decisions store; raises OutputMissing when the
    folder holds no recount output. Only requests naming this machine are served (a page
    elsewhere cannot reach it through DNS rebinding) and decisions only from its own pages."""
    review = Review(Path(out_dir), open_store(out_dir, store))
    review.current()
    app = Flask(__name__, static_folder=None)
    app.config["TRUSTED_HOSTS"] = ["127.0.0.1", "localhost"]
    app.extensions["recount"] = review
    app.jinja_env.globals.update(plain=plain, reasons=REASONS)
    app.register_blueprint(bp)
    return app


def current() -> Snapshot:
    return current_app.extensions["recount"].current()


@bp.after_app_request
def secure(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.get("/")
def flags() -> str:
    now = current()
    chosen = {k: request.args.get(k, "") for k in FILTERS}
    items = cards(now.outputs, now.pages)
    shown = queue(items, chosen)
    at = next((i for i, c in enumerate(shown) if c.flag.flag_id == request.args.get("flag")), 0)
    link = lambda c: "/?" + urlencode({**chosen, "flag": c.flag.flag_id})  # noqa: E731
    return render_template(
        "app.html", items=shown, current=shown[at] if shown else None, chosen=chosen, link=link,
        options=options(items), out_dir=str(now.outputs.out_dir), total=len(items),
        prev=link(shown[at - 1]) if shown and at > 0 else "",
        next=link(shown[at + 1]) if at + 1 < len(shown) else "",
        crop_src=lambda c, s: f"/crop/{c.flag.flag_id}/{s.page}.png")


@bp.post("/decide")
def decide() -> ResponseReturnValue:
    """Record the form's decision, then go where the form says (the next flag)."""
    origin = request.headers.get("Origin")
    if origin and origin.rstrip("/") != request.host_url.rstrip("/"):
        abort(403, "decisions are taken only from the review app's own pages")
    now, form = current(), request.form
    try:
        flag = now.outputs.flag(form["flag_id"])
        current_app.extensions["recount"].store.record(
            flag.flag_id, flag.rule_id, now.outputs.identities[flag.flag_id], form["status"],
            form.get("reason", ""), form.get("note", "").strip())
    except (KeyError, ValueError) as err:
        abort(400, str(err).strip("'\""))
    back = form.get("next", "")
    return redirect(back if back.startswith("/?") else "/?" + urlencode({"flag": flag.flag_id}), 303)


@bp.get("/crop/<flag_id>/<int:page>.png")
def crop(flag_id: str, page: int) -> Response:
    """The page band holding the flag's numbers on this page, boxed."""
    now = current()
    try:
        flag = now.outputs.flag(flag_id)
    except KeyError:
        abort(404)
    view = next((s for s in card(now.outputs, flag, now.pages).sources if s.page == page), None)
    path = now.outputs.documents.get(flag.doc_id, {}).get("path", "")
    png = page_crop(path, page, list(view.spots)) if view and path else None
    return Response(png, mimetype="image/png") if png else abort(404)


@bp.get("/documents")
def documents() -> str:
    now = current()
    return render_template("documents.html", coverage=coverage(now.outputs),
                           out_dir=str(now.outputs.out_dir))


@bp.get("/documents/<doc_id>")
def document(doc_id: str) -> str:
    now = current()
    if doc_id not in now.outputs.documents:
        abort(404)
    view = page_view(now.outputs, now.pages, doc_id, request.args.get("page", 1, type=int))
    return render_template("document.html", **view)


@bp.get("/documents/<doc_id>/<int:page>.png")
def page_image(doc_id: str, page: int) -> Response:
    """The whole page with every fact read from it boxed."""
    now = current()
    doc = now.outputs.documents.get(doc_id) or abort(404)
    mine = [f for f in now.outputs.facts.values() if f.doc_id == doc_id and f.page == page]
    png = page_crop(doc.get("path", ""), page, list(spots(mine, now.pages.get((doc_id, page), ""))),
                    scale=1.5, whole=True, tint=READ)
    return Response(png, mimetype="image/png") if png else abort(404)


def options(items: list[Card]) -> dict[str, list[tuple[str, str]]]:
    """The filters' choices: (value, label)."""
    docs = sorted({(c.flag.doc_id, c.file_name) for c in items}, key=lambda d: d[1])
    return {"doc": docs,
            "rule": [(r, r) for r in sorted({c.flag.rule_id for c in items})],
            "severity": [(s, s) for s in ("error", "warning", "info")],
            "status": [(s, s) for s in ("open", "confirmed", "dismissed", "reopened")]}


def run(app: Flask, port: int = 8765) -> None:
    """Serve the app on this machine only until interrupted."""
    server = make_server("127.0.0.1", port, app, threaded=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
