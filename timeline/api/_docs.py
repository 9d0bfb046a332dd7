"""OpenAPI at /schema, with a Swagger UI whose assets this server serves (works offline)."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

import msgspec
import swagger_ui_bundle  # type: ignore[import-untyped]
from litestar import Request, Router
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import SwaggerRenderPlugin
from litestar.openapi.spec import (
    Components,
    OpenAPIMediaType,
    OpenAPIType,
    Operation,
    RequestBody,
    Schema,
    SecurityScheme,
)
from litestar.static_files import create_static_files_router

from timeline import __version__
from timeline.api._problems import ProblemError

__all__ = [
    "ASSETS",
    "json_only",
    "openapi_config",
    "swagger_assets",
    "with_bodies",
    "with_content",
]

ASSETS = "/schema/assets"


class OfflineSwagger(SwaggerRenderPlugin):
    """Swagger UI from the `swagger-ui-bundle` package's files, served under /schema/assets."""

    def __init__(self) -> None:
        super().__init__(
            path="/",
            js_url=f"{ASSETS}/swagger-ui-bundle.js",
            css_url=f"{ASSETS}/swagger-ui.css",
            standalone_preset_js_url=f"{ASSETS}/swagger-ui-standalone-preset.js",
            favicon=f"<link rel='icon' type='image/png' href='{ASSETS}/favicon-32x32.png'>",
        )

    def render(self, request: Request[Any, Any, Any], openapi_schema: dict[str, Any]) -> bytes:
        title = html.escape(str(openapi_schema["info"]["title"]))
        spec = self.render_json(request, openapi_schema).decode().replace("</", "<\\/")
        return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8"><title>{title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
{self.favicon}
<link rel="stylesheet" href="{self.css_url}">
{self.style}
</head>
<body>
<div id="swagger-ui"></div>
<script src="{self.js_url}"></script>
<script src="{self.standalone_preset_js_url}"></script>
<script>
window.ui = SwaggerUIBundle({{
  spec: {spec},
  dom_id: "#swagger-ui",
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: "StandaloneLayout"
}});
</script>
</body>
</html>""".encode()


def swagger_assets() -> Router:
    return create_static_files_router(
        path=ASSETS,
        directories=[swagger_ui_bundle.swagger_ui_path],
        include_in_schema=False,
        name="swagger-assets",
    )


def openapi_config() -> OpenAPIConfig:
    return OpenAPIConfig(
        title="deal-timeline",
        version=__version__,
        description="Per-company timelines of deal rumors, denials, partnerships and"
        " endorsements read from business news. Errors are RFC 9457 problem details."
        " Write and admin endpoints need `Authorization: Bearer <TIMELINE_API_TOKEN>`.",
        path="/schema",
        render_plugins=[OfflineSwagger()],
        components=Components(
            security_schemes={"bearer": SecurityScheme(type="http", scheme="bearer")}
        ),
    )


def with_content(*media_types: str) -> type[Operation]:
    """An Operation whose 200 answer also comes as text in these media types."""

    @dataclass
    class Extended(Operation):
        def __post_init__(self) -> None:
            ok = (self.responses or {}).get("200")
            content = getattr(ok, "content", None)
            if content is not None:
                for media_type in media_types:
                    content[media_type] = OpenAPIMediaType(schema=Schema(type=OpenAPIType.STRING))

    return Extended


def with_bodies(json_body: type, *text_types: str) -> type[Operation]:
    """An Operation taking `json_body` as JSON, or the raw text of `text_types`."""
    (reference,), components = msgspec.json.schema_components([json_body])
    json_schema = components[reference["$ref"].rsplit("/", 1)[-1]]

    @dataclass
    class Bodies(Operation):
        def __post_init__(self) -> None:
            content: dict[str, OpenAPIMediaType] = {
                "application/json": OpenAPIMediaType(schema=json_schema)
            }
            for media_type in text_types:
                content[media_type] = OpenAPIMediaType(schema=Schema(type=OpenAPIType.STRING))
            self.request_body = RequestBody(content=content, required=True)

    return Bodies


def json_only(request: Request[Any, Any, Any]) -> None:
    """A before-request hook: 415 unless the body is JSON."""
    media_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media_type != "application/json" and not media_type.endswith("+json"):
        shown = media_type or "none"
        raise ProblemError(415, f"the body must be application/json, not {shown}")
