"""The retry policy and the GraphQL client's request/response handling, with a fake transport."""

import json
import unittest

from mlmeta.client import GraphQLClient, HttpResponse, RetryPolicy
from mlmeta.errors import (
    ConflictError,
    InvalidArgumentError,
    NotFoundError,
    UnauthenticatedError,
    UnavailableError,
    UnknownError,
)

from .fakes import FakeTransport, RecordingSleep, connection_refused, graphql_error, ok


def client(transport: FakeTransport, sleep: RecordingSleep, **kwargs: object) -> GraphQLClient:
    return GraphQLClient("http://mlmeta:8080/graphql", transport=transport, sleep=sleep,
                         **kwargs)  # type: ignore[arg-type]


class RetryPolicyTest(unittest.TestCase):
    def test_backoff_grows_exponentially_up_to_the_cap(self) -> None:
        policy = RetryPolicy(initial_backoff=0.5, multiplier=2.0, max_backoff=3.0, jitter=0.0)
        self.assertEqual([0.5, 1.0, 2.0, 3.0, 3.0],
                         [policy.backoff(n) for n in range(1, 6)])

    def test_jitter_stays_within_its_fraction(self) -> None:
        policy = RetryPolicy(initial_backoff=1.0, jitter=0.2)
        self.assertAlmostEqual(0.8, policy.backoff(1, rand=lambda: 0.0))
        self.assertAlmostEqual(1.2, policy.backoff(1, rand=lambda: 1.0))
        self.assertAlmostEqual(1.0, policy.backoff(1, rand=lambda: 0.5))

    def test_retries_retryable_codes_until_max_attempts(self) -> None:
        policy = RetryPolicy(max_attempts=3)
        self.assertTrue(policy.should_retry(ConflictError("c"), 1))
        self.assertTrue(policy.should_retry(UnavailableError("u"), 2))
        self.assertFalse(policy.should_retry(UnavailableError("u"), 3))
        self.assertFalse(policy.should_retry(NotFoundError("n"), 1))

    def test_never_makes_one_attempt(self) -> None:
        self.assertFalse(RetryPolicy.never().should_retry(UnavailableError("u"), 1))

    def test_rejects_nonsense(self) -> None:
        with self.assertRaises(ValueError):
            RetryPolicy(max_attempts=0)
        with self.assertRaises(ValueError):
            RetryPolicy(jitter=2.0)


class GraphQLClientTest(unittest.TestCase):
    def setUp(self) -> None:
        self.sleep = RecordingSleep()

    def test_returns_data_and_sends_query_and_variables(self) -> None:
        transport = FakeTransport([ok({"workspace": {"name": "w"}})])
        data = client(transport, self.sleep, timeout=7.5).execute("query Q { x }", {"a": 1})
        self.assertEqual({"workspace": {"name": "w"}}, data)
        self.assertEqual({"query": "query Q { x }", "variables": {"a": 1}}, transport.requests[0])
        self.assertEqual("http://mlmeta:8080/graphql", transport.urls[0])
        self.assertEqual(7.5, transport.timeouts[0])
        self.assertEqual("application/json", transport.headers[0]["Content-Type"])
        self.assertNotIn("Authorization", transport.headers[0])

    def test_sends_bearer_token(self) -> None:
        transport = FakeTransport([ok({})])
        client(transport, self.sleep, token="s3cret").execute("{ x }")
        self.assertEqual("Bearer s3cret", transport.headers[0]["Authorization"])

    def test_retries_connection_errors_and_gateway_statuses_then_succeeds(self) -> None:
        transport = FakeTransport([
            connection_refused(),
            HttpResponse(502, b"bad gateway"),
            HttpResponse(503, b""),
            HttpResponse(504, b"timeout"),
            ok({"x": 1}),
        ])
        policy = RetryPolicy(max_attempts=5, initial_backoff=0.1, jitter=0.0)
        data = client(transport, self.sleep, retry=policy).execute("{ x }")
        self.assertEqual({"x": 1}, data)
        self.assertEqual(5, len(transport.requests))
        self.assertEqual([0.1, 0.2, 0.4, 0.8], self.sleep.waits)

    def test_retries_conflict_with_the_identical_body(self) -> None:
        transport = FakeTransport([graphql_error("CONFLICT"), ok({"x": 1})])
        client(transport, self.sleep).execute(
            "mutation { m }", {"input": {"externalId": "py-key"}})
        self.assertEqual(2, len(transport.bodies))
        self.assertEqual(transport.bodies[0], transport.bodies[1])

    def test_does_not_retry_non_retryable_codes(self) -> None:
        transport = FakeTransport([graphql_error("NOT_FOUND", "artifact 9 does not exist")])
        with self.assertRaises(NotFoundError) as raised:
            client(transport, self.sleep).execute("{ x }")
        self.assertEqual(1, raised.exception.attempts)
        self.assertEqual([], self.sleep.waits)

    def test_gives_up_after_max_attempts_with_the_last_error(self) -> None:
        transport = FakeTransport([connection_refused()] * 3)
        with self.assertRaises(UnavailableError) as raised:
            client(transport, self.sleep, retry=RetryPolicy(max_attempts=3)).execute("{ x }")
        self.assertEqual(3, raised.exception.attempts)
        self.assertEqual(2, len(self.sleep.waits))
        self.assertIn("Connection refused", str(raised.exception))

    def test_http_401_is_unauthenticated_and_not_retried(self) -> None:
        transport = FakeTransport([HttpResponse(401, b"Unauthorized")])
        with self.assertRaises(UnauthenticatedError):
            client(transport, self.sleep).execute("{ x }")
        self.assertEqual(1, len(transport.requests))

    def test_graphql_errors_in_a_400_response_keep_their_code(self) -> None:
        body = json.dumps({"errors": [{"message": "bad", "extensions": {
            "classification": "ValidationError"}}]}).encode()
        transport = FakeTransport([HttpResponse(400, body)])
        with self.assertRaises(InvalidArgumentError) as raised:
            client(transport, self.sleep).execute("{ x }")
        self.assertEqual(400, raised.exception.http_status)

    def test_non_json_success_is_unknown(self) -> None:
        transport = FakeTransport([HttpResponse(200, b"<html>proxy page</html>")])
        with self.assertRaises(UnknownError):
            client(transport, self.sleep).execute("{ x }")

    def test_rejects_bad_configuration(self) -> None:
        with self.assertRaises(ValueError):
            GraphQLClient("")
        with self.assertRaises(ValueError):
            GraphQLClient("http://x/graphql", timeout=0)


if __name__ == "__main__":
    unittest.main()
