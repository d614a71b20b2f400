"""Closed by default: off loopback every control route and the console page ask for the control token.

The routes are read from the server's own router, so a route added later cannot be forgotten.
Bound to 0.0.0.0 the port is open to the network, so the token is asked for whoever connects,
from this machine's loopback address as well as from its other addresses.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import aiohttp
import pytest

from sandbox.client import SandboxClient, SandboxError
from sandbox.guard import is_loopback
from sandbox.server import SandboxServer

TOKEN = "700000001:GUARD-test-token"
# Values for the path parameters of the routes, so each route is reached (a 404 would prove nothing).
SAMPLE = {"chat_id": "-1001", "user_id": "1", "message_id": "1", "update_id": "1", "file_id": "nothing",
          "name": "index.html"}


def _other_address() -> str | None:
    """An IPv4 address of this machine that is not loopback (None if it has none)."""
    if shutil.which("hostname") is None:
        return None
    words = subprocess.run(["hostname", "-I"], capture_output=True, text=True, check=False).stdout.split()
    return next((w for w in words if re.fullmatch(r"\d+\.\d+\.\d+\.\d+", w) and not w.startswith("127.")), None)


def _routes(server: SandboxServer) -> list[tuple[str, str, str]]:
    """(method, path as declared, path with its parameters filled in) of every route the server serves."""
    found = []
    for route in server.build_app().router.routes():
        if route.method == "HEAD":
            continue
        path = route.resource.canonical
        found.append((route.method, path, re.sub(r"\{(\w+)\}", lambda m: SAMPLE.get(m.group(1), "x"), path)))
    return found


def _guarded(path: str) -> bool:
    return path.startswith("/sandbox/") or path.startswith("/console")


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("127.3.2.1", True), ("::1", True), ("localhost", True), ("[::1]", True),
     ("0.0.0.0", False), ("::", False), ("", False), ("192.168.1.10", False), ("sandbox.example.org", False)],
)
def test_only_loopback_binds_count_as_loopback(host, loopback):
    assert is_loopback(host) is loopback


async def test_on_a_non_loopback_bind_every_control_route_answers_401_without_the_token():
    async with SandboxServer(token=TOKEN, host="0.0.0.0", port=0) as server:
        assert server.control_token
        routes = _routes(server)
        guarded = [(method, path) for method, declared, path in routes if _guarded(declared)]
        assert len(guarded) > 40  # the control API and the console, read from the router
        # Everything else is the Bot API (its token is in the path) or the redirect from /.
        assert {declared for _, declared, _ in routes if not _guarded(declared)} == {
            "/", "/bot{token}/{method}", "/file/bot{token}/{path}"
        }
        addresses = ["127.0.0.1"] + ([other] if (other := _other_address()) else [])
        async with aiohttp.ClientSession() as session:
            for address in addresses:
                base = f"http://{address}:{server.port}"
                for method, path in guarded:
                    for headers in ({}, {"X-Sandbox-Token": "wrong"}):
                        async with session.request(method, base + path, headers=headers, json={}) as response:
                            assert response.status == 401, (address, method, path, headers)
                            if path.startswith("/sandbox/"):
                                answer = await response.json()
                                assert answer["ok"] is False and "token" in answer["description"]
                async with session.get(base + "/sandbox/state?token=wrong") as response:
                    assert response.status == 401
        assert server.world.users.keys() == {700000001}  # no route acted


async def test_with_the_token_the_control_api_and_console_work():
    async with SandboxServer(token=TOKEN, host="0.0.0.0", port=0) as server:
        token = server.control_token
        assert server.console_url == f"http://127.0.0.1:{server.port}/console?token={token}"  # one a browser opens
        async with SandboxClient(f"http://127.0.0.1:{server.port}", control_token=token) as client:
            asha = await client.create_user("Asha")
            group = await client.create_group("Mamlatdar office", creator_id=asha["id"])
            await client.send_message(group["id"], asha["id"], "Shelters ready")
            assert [m["text"] for m in await client.messages(group["id"])] == ["Shelters ready"]
            assert (await client.console_info())["bot"]["id"] == 700000001
        async with SandboxClient(f"http://127.0.0.1:{server.port}") as tokenless:
            with pytest.raises(SandboxError) as refused:
                await tokenless.state()
            assert refused.value.status == 401
        base = f"http://127.0.0.1:{server.port}"
        async with aiohttp.ClientSession() as session:
            async with session.get(f"{base}/console?token={token}") as response:
                assert response.status == 200
                assert "Samvad sandbox console" in await response.text()
            async with session.get(f"{base}/console") as response:
                assert response.status == 401
                assert "token" in await response.text()
            async with session.get(f"{base}/?token={token}") as response:
                assert response.status == 200 and response.url.path == "/console"  # the redirect keeps the token
            async with session.get(f"{base}/console/console.js") as response:
                assert response.status == 200  # the page's script: the same as in the repository
            async with session.get(f"{base}/sandbox/events?token={token}") as response:
                assert response.status == 200
                assert await response.content.readline() == b": connected\n"


async def test_a_loopback_bind_stays_open_and_two_servers_get_different_tokens():
    async with SandboxServer(token=TOKEN, port=0) as server:
        assert server.control_token is None
        async with SandboxClient(server.base_url) as client:
            assert (await client.state())["users"]
    async with SandboxServer(token=TOKEN, host="0.0.0.0", port=0) as first, \
            SandboxServer(token=TOKEN, host="0.0.0.0", port=0) as second:
        assert first.control_token != second.control_token
        assert len(first.control_token) >= 32
    async with SandboxServer(token=TOKEN, port=0, control_token="chosen-token") as chosen:
        async with aiohttp.ClientSession() as session:
            async with session.get(f"{chosen.base_url}/sandbox/state") as response:
                assert response.status == 401  # a token given is asked for, even on loopback
            async with session.get(f"{chosen.base_url}/sandbox/state", headers={"X-Sandbox-Token": "chosen-token"}) as response:
                assert response.status == 200


async def test_an_ipv6_loopback_bind_is_open_and_reachable_at_its_base_url():
    server = SandboxServer(token=TOKEN, host="::1", port=0)
    try:
        await server.start()
    except OSError:
        pytest.skip("no IPv6 loopback here")
    try:
        assert server.control_token is None and server.base_url.startswith("http://[::1]:")
        async with SandboxClient(server.base_url) as client:
            assert (await client.state())["users"]
    finally:
        await server.stop()


async def test_open_on_loopback_is_not_open_to_other_sites_pages_or_rebound_names():
    async with SandboxServer(token=TOKEN, port=0) as server:
        own = f"http://127.0.0.1:{server.port}"
        async with aiohttp.ClientSession() as session:
            body = {"first_name": "Forged"}
            async with session.post(f"{own}/sandbox/users", json=body, headers={"Origin": "https://evil.example"}) as response:
                assert response.status == 403  # a page elsewhere posting to the sandbox, as a drive-by would
            async with session.get(f"{own}/sandbox/state", headers={"Host": f"rebound.example:{server.port}"}) as response:
                assert response.status == 403  # a DNS-rebinding page reading under its own name
            assert [u["first_name"] for u in server.world.snapshot()["users"] if not u.get("is_bot")] == []
            async with session.post(f"{own}/sandbox/users", json=body, headers={"Origin": own}) as response:
                assert response.status == 200  # the console itself, on the sandbox's own origin
            assert [u["first_name"] for u in server.world.snapshot()["users"] if not u.get("is_bot")] == ["Forged"]
            async with session.get(f"http://localhost:{server.port}/sandbox/state") as response:
                assert response.status == 200
