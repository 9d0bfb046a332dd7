"""deal-timeline: per-company deal timelines from business news."""

__version__ = "0.1.0"
