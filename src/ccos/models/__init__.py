"""Pydantic models for every file on disk and every result a service returns. Pure."""
