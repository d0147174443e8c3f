"""Mapping of server and transport failures to exceptions."""

import unittest

from mlmeta import errors
from mlmeta.errors import (
    AlreadyExistsError,
    ConflictError,
    FailedPreconditionError,
    InternalError,
    InvalidArgumentError,
    MetadataError,
    NotFoundError,
    PermissionDeniedError,
    UnauthenticatedError,
    UnavailableError,
    UnknownError,
    error_for_code,
    error_from_graphql,
    error_from_http_status,
)


class ErrorForCodeTest(unittest.TestCase):
    def test_every_server_code_has_its_subclass(self) -> None:
        expected = {
            "NOT_FOUND": NotFoundError,
            "ALREADY_EXISTS": AlreadyExistsError,
            "INVALID_ARGUMENT": InvalidArgumentError,
            "FAILED_PRECONDITION": FailedPreconditionError,
            "CONFLICT": ConflictError,
            "INTERNAL": InternalError,
            "UNAVAILABLE": UnavailableError,
            "UNAUTHENTICATED": UnauthenticatedError,
            "PERMISSION_DENIED": PermissionDeniedError,
        }
        for code, cls in expected.items():
            with self.subTest(code=code):
                error = error_for_code(code, "m")
                self.assertIsInstance(error, cls)
                self.assertIsInstance(error, MetadataError)
                self.assertEqual(code, error.code)
                self.assertEqual("m", error.message)

    def test_the_servers_forbidden_is_permission_denied(self) -> None:
        error = error_from_graphql([{"message": "needs writer", "extensions": {"code": "FORBIDDEN"}}])
        self.assertIsInstance(error, PermissionDeniedError)
        self.assertEqual("PERMISSION_DENIED", error.code)
        self.assertFalse(error.retryable)

    def test_unrecognised_code_is_kept(self) -> None:
        error = error_for_code("RESOURCE_EXHAUSTED", "slow down")
        self.assertIs(type(error), MetadataError)
        self.assertEqual("RESOURCE_EXHAUSTED", error.code)

    def test_missing_code_is_unknown(self) -> None:
        self.assertIsInstance(error_for_code(None, "m"), UnknownError)

    def test_str_carries_code_and_message(self) -> None:
        self.assertEqual("NOT_FOUND: artifact 9 does not exist",
                         str(NotFoundError("artifact 9 does not exist")))

    def test_only_conflict_and_unavailable_are_retryable(self) -> None:
        self.assertTrue(ConflictError("c").retryable)
        self.assertTrue(UnavailableError("u").retryable)
        self.assertFalse(NotFoundError("n").retryable)
        self.assertFalse(InternalError("i").retryable)


class GraphQLErrorsTest(unittest.TestCase):
    def test_first_error_gives_code_path_and_message(self) -> None:
        error = error_from_graphql([
            {"message": "inputs[0].new_artifact.properties: required property 'uri' not found",
             "path": ["recordExecution"],
             "extensions": {"classification": "DataFetchingException",
                            "code": "INVALID_ARGUMENT"}},
            {"message": "second", "extensions": {"code": "INTERNAL"}},
        ], http_status=200)
        self.assertIsInstance(error, InvalidArgumentError)
        self.assertEqual(["recordExecution"], error.path)
        self.assertIn("inputs[0].new_artifact.properties", error.message)
        self.assertIn("second", error.message)
        self.assertEqual(2, len(error.errors))
        self.assertEqual(200, error.http_status)

    def test_query_validation_error_is_invalid_argument(self) -> None:
        error = error_from_graphql([{
            "message": "Validation error (FieldUndefined@[bogus])",
            "extensions": {"classification": "ValidationError"}}])
        self.assertIsInstance(error, InvalidArgumentError)

    def test_error_without_extensions_is_unknown(self) -> None:
        self.assertIsInstance(error_from_graphql([{"message": "?"}]), UnknownError)

    def test_empty_error_list_is_unknown(self) -> None:
        self.assertIsInstance(error_from_graphql([]), UnknownError)


class HttpStatusTest(unittest.TestCase):
    def test_gateway_statuses_are_unavailable(self) -> None:
        for status in (502, 503, 504):
            with self.subTest(status=status):
                error = error_from_http_status(status, "<html>bad gateway</html>")
                self.assertIsInstance(error, UnavailableError)
                self.assertEqual(status, error.http_status)
                self.assertIn(str(status), error.message)

    def test_auth_statuses(self) -> None:
        self.assertIsInstance(error_from_http_status(401), UnauthenticatedError)
        self.assertIsInstance(error_from_http_status(403), PermissionDeniedError)

    def test_other_statuses(self) -> None:
        self.assertIsInstance(error_from_http_status(500), InternalError)
        self.assertIsInstance(error_from_http_status(404), UnknownError)
        self.assertIsInstance(error_from_http_status(409), UnknownError)

    def test_module_exports_every_class(self) -> None:
        for name in errors.__all__:
            self.assertTrue(hasattr(errors, name), name)


if __name__ == "__main__":
    unittest.main()
