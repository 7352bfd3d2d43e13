"""Rekindle: small, steady practice for two partners who want to feel close again."""

__version__ = "0.1.0"
