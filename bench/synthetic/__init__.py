"""Realistic synthetic business-news articles for benchmarks and property tests."""

from bench.synthetic._generate import ExpectedEvent, SyntheticArticle, generate, write_folder

__all__ = ["ExpectedEvent", "SyntheticArticle", "generate", "write_folder"]
