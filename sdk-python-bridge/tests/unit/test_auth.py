"""Who the client says it is: token argument, MLMETA_TOKEN, the token file, gateway headers."""

import os
import tempfile
import unittest
from unittest import mock

from mlmeta import metadata
from mlmeta.errors import PermissionDeniedError, UnauthenticatedError
from mlmeta.client import HttpResponse

from .fakes import FakeTransport, graphql_error, ok


def _whoami(kind: str = "USER") -> HttpResponse:
    return ok({"whoami": {"subject": "alice@example.com", "groups": ["ml", "team-a"], "kind": kind}})


class TokenLookupTest(unittest.TestCase):
    def setUp(self) -> None:
        self.home = tempfile.TemporaryDirectory()
        self.addCleanup(self.home.cleanup)
        self.env = mock.patch.dict(os.environ, {"HOME": self.home.name}, clear=True)
        self.env.start()
        self.addCleanup(self.env.stop)
        self.token_file = os.path.join(self.home.name, ".config", "mlmeta", "token")

    def _write(self, path: str, text: str) -> None:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)

    def _sent(self, **kwargs: object) -> dict[str, str]:
        transport = FakeTransport([_whoami()])
        metadata.Store("h", 1, transport=transport, **kwargs).whoami()  # type: ignore[arg-type]
        return transport.headers[0]

    def test_nothing_configured_sends_no_token(self) -> None:
        self.assertNotIn("Authorization", self._sent())

    def test_default_token_file_is_read(self) -> None:
        self._write(self.token_file, "mlm_0123456789abcdef_secret\n")
        self.assertEqual("Bearer mlm_0123456789abcdef_secret", self._sent()["Authorization"])

    def test_environment_wins_over_the_file_and_the_argument_over_both(self) -> None:
        self._write(self.token_file, "from-file")
        os.environ["MLMETA_TOKEN"] = "from-env"
        self.assertEqual("Bearer from-env", self._sent()["Authorization"])
        self.assertEqual("Bearer given", self._sent(token="given")["Authorization"])
        self.assertNotIn("Authorization", self._sent(token=""))

    def test_token_file_variable_names_a_file_that_must_exist(self) -> None:
        named = os.path.join(self.home.name, "projected")
        self._write(named, "named")
        os.environ["MLMETA_TOKEN_FILE"] = named
        self.assertEqual("Bearer named", self._sent()["Authorization"])
        os.environ["MLMETA_TOKEN_FILE"] = named + "-missing"
        with self.assertRaises(ValueError):
            metadata.Store("h", 1, transport=FakeTransport([]))

    def test_token_file_is_read_again_when_it_changes(self) -> None:
        path = os.path.join(self.home.name, "rotating")
        self._write(path, "first")
        os.utime(path, ns=(1_000_000_000, 1_000_000_000))
        transport = FakeTransport([_whoami(), _whoami(), _whoami()])
        store = metadata.Store("h", 1, token_file=path, transport=transport)
        store.whoami()
        self._write(path, "rotated")
        os.utime(path, ns=(2_000_000_000, 2_000_000_000))
        store.whoami()
        self._write(path, "")
        os.utime(path, ns=(3_000_000_000, 3_000_000_000))
        store.whoami()
        self.assertEqual(
            ["Bearer first", "Bearer rotated", "Bearer rotated"],
            [h["Authorization"] for h in transport.headers],
        )

    def test_gateway_user_sends_the_gateway_headers_and_no_token(self) -> None:
        os.environ["MLMETA_TOKEN"] = "ignored"
        headers = self._sent(gateway_user="alice@example.com", gateway_groups=["team-a", "ml"])
        self.assertEqual("alice@example.com", headers["kubeflow-userid"])
        self.assertEqual("team-a,ml", headers["kubeflow-groups"])
        self.assertNotIn("Authorization", headers)

        renamed = self._sent(gateway_user="bob", gateway_headers=("x-user", "x-groups"))
        self.assertEqual("bob", renamed["x-user"])
        self.assertNotIn("x-groups", renamed)

    def test_conflicting_or_malformed_credentials_are_refused(self) -> None:
        transport = FakeTransport([])
        for kwargs in (
            {"gateway_user": "alice", "token": "t"},
            {"gateway_user": "alice", "gateway_groups": ["a,b"]},
            {"gateway_user": "alice", "gateway_groups": "team-a"},
            {"gateway_user": " "},
            {"token": "two words"},
        ):
            with self.subTest(kwargs=kwargs), self.assertRaises(ValueError):
                metadata.Store("h", 1, transport=transport, **kwargs)  # type: ignore[arg-type]


class WhoamiTest(unittest.TestCase):
    def test_whoami_returns_subject_groups_and_kind(self) -> None:
        transport = FakeTransport([_whoami("TOKEN")])
        store = metadata.Store("h", 1, token="t", transport=transport)
        self.assertEqual(
            {"subject": "alice@example.com", "groups": ["ml", "team-a"], "kind": "TOKEN"},
            store.whoami(),
        )
        self.assertIn("whoami { subject groups kind }", transport.requests[0]["query"])

    def test_refusals_raise_their_errors_without_retrying(self) -> None:
        cases = (
            (graphql_error("UNAUTHENTICATED", "token revoked", "whoami"), UnauthenticatedError),
            (graphql_error("FORBIDDEN", "needs writer", "whoami"), PermissionDeniedError),
            (HttpResponse(401, b""), UnauthenticatedError),
            (HttpResponse(403, b"RBAC: access denied"), PermissionDeniedError),
        )
        for reply, cls in cases:
            with self.subTest(cls=cls.__name__):
                transport = FakeTransport([reply, _whoami()])
                store = metadata.Store("h", 1, token="t", transport=transport)
                with self.assertRaises(cls) as raised:
                    store.whoami()
                self.assertEqual(1, len(transport.requests))
                self.assertFalse(raised.exception.retryable)
        self.assertEqual("PERMISSION_DENIED", PermissionDeniedError("m").code)


if __name__ == "__main__":
    unittest.main()
