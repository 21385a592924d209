"""``marsad serve``: the HTTP API and the map dashboard with uvicorn.

    marsad serve [--host 127.0.0.1] [--port 8000] [--database URL|PATH] [--demo] [--workers N]

Settings come from ``MARSAD_*`` variables (see :mod:`marsad.settings`); ``--database`` overrides
``MARSAD_DATABASE_URL``. The schema is upgraded on start when ``MARSAD_AUTO_MIGRATE`` is on.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from marsad.settings import Settings


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser("serve", help="serve the HTTP API and the map dashboard")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--database", help="database URL or SQLite path (default: MARSAD_DATABASE_URL)")
    p.add_argument("--demo", action="store_true", help="first store the five hand-made demo reports (idempotent)")
    p.add_argument("--create", action="store_true",
                   help="create an empty SQLite database when the file does not exist (otherwise an error)")
    p.add_argument("--log-level", default="info", choices=("critical", "error", "warning", "info", "debug"),
                   help="server log level (default info)")
    p.add_argument("--workers", type=int, default=1,
                   help="server processes (default 1; one per core for read-heavy use, SQLite or PostgreSQL)")
    p.add_argument("--no-access-log", action="store_true", help="do not log every request")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import uvicorn
    from sqlalchemy.exc import SQLAlchemyError

    from marsad.api.app import create_app
    from marsad.cli.database import database_settings
    from marsad.store.db import explain_error

    settings = database_settings("serve", args.database, write=False, must_exist=not (args.create or args.demo))
    if isinstance(settings, int):
        return settings
    try:
        app = create_app(settings)
    except (SQLAlchemyError, OSError) as exc:
        print(f"marsad serve: {explain_error(exc, settings.database_url)}", file=sys.stderr)
        return 2
    if args.demo:
        from marsad.api.demo import demo_items
        from marsad.store import ingest

        for doc, events in demo_items():
            ingest(app.state.store.session_factory, doc, events)
    print(f"marsad: serving {settings.database_url} on http://{args.host}:{args.port}/ "
          f"(writes {'need X-API-Key' if settings.key_names() else 'closed: no MARSAD_API_KEY'})", file=sys.stderr)
    if args.workers > 1:
        _serve_processes(args, settings)
    else:
        uvicorn.run(app, host=args.host, port=args.port, **_server_options(args, settings))
    return 0


def _server_options(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    """uvicorn options shared by one and several processes: the guarded protocol (header timeout,
    connection cap), the keep-alive timeout and the rate-limited log (see marsad.api.server)."""
    from marsad.api.server import GuardedH11Protocol, log_config

    return {"log_level": args.log_level, "proxy_headers": False, "access_log": not args.no_access_log,
            "http": GuardedH11Protocol, "timeout_keep_alive": settings.keep_alive_timeout,
            "log_config": log_config()}


def _serve_processes(args: argparse.Namespace, settings: Settings) -> None:
    """Several server processes on one listening socket. The socket is made here, as a TCP socket
    proper: uvicorn's own (protocol 0) makes asyncio skip TCP_NODELAY on accepted connections, and
    kept-alive requests then wait ~40 ms on Nagle's algorithm and delayed ACKs."""
    import socket

    import uvicorn
    from uvicorn.supervisors import Multiprocess

    os.environ["MARSAD_DATABASE_URL"] = settings.database_url  # each process builds its app from the environment
    config = uvicorn.Config("marsad.api.app:create_app", factory=True, host=args.host, port=args.port,
                            workers=args.workers, **_server_options(args, settings))
    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((args.host, args.port))
    sock.set_inheritable(True)
    Multiprocess(config, sockets=[sock]).run()
