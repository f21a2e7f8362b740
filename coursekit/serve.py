"""Static server for the built site, with the MIME types and headers it needs.

Python's defaults are not enough: Pyodide never finishes loading a `.wasm`
served as application/octet-stream, and browsers refuse a `.mjs` module served
as text/plain. COOP/COEP make the page cross-origin isolated, so Pyodide can be
interrupted through a SharedArrayBuffer and onnxruntime-web may use threads;
`--no-isolation` serves without them (the fallback paths must work too).
Unknown paths get the site's 404.html with status 404, as on a static host.
sitemap.xml is rewritten to the origin it is served from: Material's instant
navigation only takes over links that the sitemap lists, and it compares
ports, so a site built for :8000 served on another port (tests use port 0)
would otherwise fall back to full page loads.

    python -m coursekit.serve site --port 8000
"""
from __future__ import annotations

import argparse
import functools
import io
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

MIME_TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".onnx": "application/octet-stream",
    ".whl": "application/zip",
    ".zip": "application/zip",
    ".woff2": "font/woff2",
    ".svg": "image/svg+xml",
    ".py": "text/plain; charset=utf-8",
    ".md": "text/plain; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".css": "text/css",
}

LOC_ORIGIN = re.compile(r"<loc>https?://[^/<]+")


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves one folder with explicit MIME types and optional isolation headers."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}
    isolated = True
    # URL paths answered from files outside the folder (the tests' axe-core: a page under the site's
    # policy can load a same-origin script only). Empty for the site itself.
    extra_files: dict[str, str] = {}
    # Keep-alive: a lesson page asks for ~20 files; one connection each is slow.
    protocol_version = "HTTP/1.1"

    def end_headers(self) -> None:
        if self.isolated:
            self.send_header("Cross-Origin-Opener-Policy", "same-origin")
            self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
        # Revalidate every time: a rebuilt site is never shadowed by a stale copy,
        # and unchanged files still come back as cheap 304s.
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def translate_path(self, path: str) -> str:
        extra = self.extra_files.get(path.split("?", 1)[0])
        return extra if extra is not None else super().translate_path(path)

    def send_head(self):
        if not self.path.split("?", 1)[0].endswith("/sitemap.xml"):
            return super().send_head()
        path = Path(self.translate_path(self.path))
        if not path.is_file():
            return super().send_head()
        origin = f"http://{self.headers.get('Host', '%s:%s' % self.server.server_address[:2])}"
        body = LOC_ORIGIN.sub(lambda m: f"<loc>{origin}", path.read_text(encoding="utf-8")).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A 404 answers with the site's own 404.html (status still 404), as a static host would."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        self.log_error("code %d, message %s", code, message)
        body = page.read_bytes()
        self.send_response(code, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (base-class name)
        if self.server.verbose:  # type: ignore[attr-defined]
            super().log_message(format, *args)


class SiteServer(ThreadingHTTPServer):
    """A threading server that stays quiet when a browser drops a connection it no longer needs."""

    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        import sys

        if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            return
        super().handle_error(request, client_address)


def make_server(root: Path, host: str = "127.0.0.1", port: int = 0, *, isolated: bool = True,
                verbose: bool = False, extra_files: dict[str, Path] | None = None) -> ThreadingHTTPServer:
    """A server over `root`, not yet serving; port 0 picks a free port. `extra_files` maps URL paths
    to files served from outside `root`."""
    if not (root / "index.html").is_file():
        raise FileNotFoundError(f"{root} has no index.html: build the site first (make site)")
    extra = {url: str(path) for url, path in (extra_files or {}).items()}
    handler = type("Handler", (SiteHandler,), {"isolated": isolated, "extra_files": extra})
    server = SiteServer((host, port), functools.partial(handler, directory=str(root)))
    server.verbose = verbose  # type: ignore[attr-defined]
    return server


def serve_in_thread(root: Path, *, isolated: bool = True,
                    extra_files: dict[str, Path] | None = None) -> tuple[ThreadingHTTPServer, str]:
    """Start a server on a free port in a daemon thread; returns it and its base URL."""
    server = make_server(root, isolated=isolated, extra_files=extra_files)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    return server, f"http://{host}:{port}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path, nargs="?", default=Path("site"), help="the built site (default: site)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--no-isolation", action="store_true", help="serve without COOP/COEP headers")
    args = parser.parse_args()
    server = make_server(args.root, args.host, args.port, isolated=not args.no_isolation, verbose=True)
    print(f"Serving {args.root} on http://{args.host}:{server.server_address[1]}/ (Ctrl+C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
