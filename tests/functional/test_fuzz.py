"""Property-based fuzzing of every participant endpoint over real HTTP: no 5xx, and a refused
request changes nothing."""

from __future__ import annotations

import asyncio
import http.client
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator.server import create_web_app, start
from facilitator.settings import Limits
from facilitator.store import Store, grouping

CODE = "FUZZ22"
ENDPOINTS = ["participants", "submissions", "votes", "ratings"]


class Server:
    """The real endpoint on 127.0.0.1 in a thread of its own, for synchronous property tests."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.loop = asyncio.new_event_loop()
        self.ready = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)

        async def main() -> None:
            self.runner, self.port = await start(
                create_web_app(self.store, limits=Limits(rate_limits_on=False)), "127.0.0.1", 0
            )
            self.ready.set()

        self.loop.run_until_complete(main())
        self.loop.run_forever()

    def __enter__(self) -> Server:
        self.thread.start()
        assert self.ready.wait(30)
        return self

    def __exit__(self, *exc: object) -> None:
        asyncio.run_coroutine_threadsafe(self.runner.cleanup(), self.loop).result(30)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(30)

    def request(
        self, method: str, path: str, body: bytes, headers: dict[str, str]
    ) -> tuple[int, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            return response.status, response.read()
        finally:
            conn.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    store = Store(Path(tmp_path_factory.mktemp("fuzz")) / "fuzz.sqlite")
    ws = store.create_workshop("tana-oppstart", title="Fuzz", code=CODE)
    store.write(grouping.add_focus_area, ws.id, "Sykefravær")
    with Server(store) as running:
        status, body = running.request(
            "POST",
            f"/api/v1/w/{CODE}/participants",
            b'{"party": "ansatte"}',
            {"Content-Type": "application/json"},
        )
        assert status == 201
        running.token = json.loads(body)["token"]  # type: ignore[attr-defined]
        running.workshop_id = ws.id  # type: ignore[attr-defined]
        yield running
    store.close()


def counts(store: Store, workshop_id: int) -> tuple[int, ...]:
    dump = store.dump(workshop_id)
    return tuple(len(dump[k]) for k in ("participants", "cards", "votes", "ratings"))


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=True)
    | st.text(max_size=600),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=12), children, max_size=5)
    ),
    max_leaves=12,
)
bodies = st.one_of(
    st.dictionaries(
        st.sampled_from(
            ["id", "text", "target_party", "party", "lang", "allocations", "value", "extra"]
        ),
        json_values,
        max_size=5,
    ).map(lambda d: json.dumps(d).encode()),
    st.binary(max_size=2000),
    st.text(max_size=2000).map(lambda t: t.encode("utf-8", "surrogatepass")),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    endpoint=st.sampled_from(ENDPOINTS),
    body=bodies,
    content_type=st.sampled_from(
        ["application/json", "text/plain", "application/x-www-form-urlencoded", ""]
    ),
    phase=st.sampled_from([None, 2, 6, 8]),
    authed=st.booleans(),
)
def test_no_request_makes_the_server_fail_or_changes_anything_when_refused(
    server: Server, endpoint: str, body: bytes, content_type: str, phase: int | None, authed: bool
) -> None:
    store, workshop_id = server.store, server.workshop_id  # type: ignore[attr-defined]
    if phase is not None:
        store.open_phase(workshop_id, phase)
    before = counts(store, workshop_id)
    headers = {"Content-Type": content_type} if content_type else {}
    if authed:
        headers["Authorization"] = f"Bearer {server.token}"  # type: ignore[attr-defined]
    status, response = server.request("POST", f"/api/v1/w/{CODE}/{endpoint}", body, headers)
    assert status < 500, response
    if status >= 400:
        assert json.loads(response)["error"]["code"]
        assert counts(store, workshop_id) == before


@settings(max_examples=150, deadline=None)
@given(
    path=st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=40),
    method=st.sampled_from(["GET", "POST", "DELETE", "PUT"]),
)
def test_no_path_makes_the_server_fail(server: Server, path: str, method: str) -> None:
    from urllib.parse import quote

    status, _ = server.request(method, "/" + quote(path), b"", {})
    assert status < 500


@settings(max_examples=150, deadline=None)
@given(
    form=st.dictionaries(
        st.sampled_from(
            ["text", "client_id", "target_party", "party", "lang", "value", "option-1", "option-x"]
        ),
        st.text(max_size=600),
        max_size=6,
    ),
    action=st.sampled_from(["join", "submit", "vote", "rate"]),
)
def test_no_form_makes_the_server_fail(server: Server, form: dict[str, str], action: str) -> None:
    from urllib.parse import urlencode

    store, workshop_id = server.store, server.workshop_id  # type: ignore[attr-defined]
    before = counts(store, workshop_id)
    status, _ = server.request(
        "POST",
        f"/j/{CODE}/{action}",
        urlencode(form).encode(),
        {"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert status < 500
    if status >= 400:
        assert counts(store, workshop_id) == before


def test_the_token_is_needed_for_everything_a_phone_changes(server: Server) -> None:
    for endpoint in ("submissions", "votes", "ratings"):
        status, body = server.request(
            "POST",
            f"/api/v1/w/{CODE}/{endpoint}",
            b"{}",
            {"Content-Type": "application/json", "Authorization": "Bearer forged"},
        )
        assert status == 401 and json.loads(body)["error"]["code"] == "not_joined"


# -- issue 15: the shapes that once answered 500 --------------------------------------------

odd_digits = st.text(alphabet="0123456789²³¹٣۴߁१০੧૩୫௬౭೮൯๑໒༣၄႕០᠑", min_size=1, max_size=12)
big_ints = st.integers(min_value=4000, max_value=6000).map(lambda n: "9" * n)
numbers = st.one_of(odd_digits.map(json.dumps), big_ints, odd_digits)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    endpoint=st.sampled_from(ENDPOINTS),
    field=st.sampled_from(["value", "allocations", "id", "party", "lang", "text"]),
    number=numbers,
    as_key=st.booleans(),
)
def test_big_and_non_ascii_numbers_are_refused_without_failing(
    server: Server, endpoint: str, field: str, number: str, as_key: bool
) -> None:
    store, workshop_id = server.store, server.workshop_id  # type: ignore[attr-defined]
    store.open_phase(workshop_id, 6)
    value = '{"' + number.strip('"') + '": 1}' if as_key else number
    body = ('{"' + field + '": ' + value + "}").encode()
    before = counts(store, workshop_id)
    status, response = server.request(
        "POST",
        f"/api/v1/w/{CODE}/{endpoint}",
        body,
        {"Content-Type": "application/json", "Authorization": f"Bearer {server.token}"},  # type: ignore[attr-defined]
    )
    assert status < 500, response
    if status >= 400:
        assert counts(store, workshop_id) == before


@settings(max_examples=120, deadline=None)
@given(
    action=st.sampled_from(["vote", "rate", "submit", "join"]),
    name=st.one_of(st.sampled_from(["value", "text", "party"]), odd_digits.map("option-{}".format)),
    value=st.one_of(numbers, st.binary(max_size=40).map(lambda b: b.hex())),
    charset=st.sampled_from(["", "utf-8", "bogus", "utf-16", "latin-1", "UTF-8", "\u00e6"]),
)
def test_odd_forms_and_charsets_are_refused_without_failing(
    server: Server, action: str, name: str, value: str, charset: str
) -> None:
    from urllib.parse import urlencode

    store, workshop_id = server.store, server.workshop_id  # type: ignore[attr-defined]
    before = counts(store, workshop_id)
    content_type = "application/x-www-form-urlencoded" + (f"; charset={charset}" if charset else "")
    status, _ = server.request(
        "POST",
        f"/j/{CODE}/{action}",
        urlencode({name: value}).encode(),
        {
            "Content-Type": content_type.encode("utf-8").decode("latin-1"),
            "Cookie": f"trepart_{CODE}={server.token}",  # type: ignore[attr-defined]
        },
    )
    assert status < 500
    if status >= 400:
        assert counts(store, workshop_id) == before


@settings(max_examples=120, deadline=None)
@given(
    header=st.sampled_from(
        ["Authorization", "Cookie", "Accept-Language", "Origin", "X-Forwarded-For"]
    ),
    raw=st.binary(min_size=1, max_size=200).filter(lambda b: b"\r" not in b and b"\n" not in b),
    prefix=st.sampled_from(["", "Bearer ", f"trepart_{CODE}=", "trepart_lang="]),
)
def test_odd_header_bytes_are_refused_without_failing(
    server: Server, header: str, raw: bytes, prefix: str
) -> None:
    value = (prefix.encode() + raw).decode("latin-1")
    for method, path, body, content_type in (
        ("GET", f"/j/{CODE}", b"", ""),
        ("GET", f"/api/v1/w/{CODE}/state", b"", ""),
        ("POST", f"/api/v1/w/{CODE}/submissions", b'{"id": "x", "text": "y"}', "application/json"),
        ("POST", f"/j/{CODE}/join", b"party=ansatte", "application/x-www-form-urlencoded"),
    ):
        headers = {header: value}
        if content_type:
            headers["Content-Type"] = content_type
        try:
            status, _ = server.request(method, path, body, headers)
        except (http.client.HTTPException, ConnectionError):
            continue  # http.client or the server's parser refused the header itself: no answer
        assert status < 500
