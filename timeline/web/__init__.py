"""The web pages: a search, company timelines, articles and deals, over the JSON API."""

from timeline.web._pages import web_handlers

__all__ = ["web_handlers"]
