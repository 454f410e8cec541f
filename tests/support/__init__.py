"""Helpers the test suites share: a throwaway PostgreSQL server and sample files."""
