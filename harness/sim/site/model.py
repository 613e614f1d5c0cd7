"""A site model (site.yaml in a site folder): its account, its pages and what its forms do.

The server (server.py) knows three form actions — sign in, sign out, sign out everywhere — and which
visitor a page is for; everything else (paths, files, texts) comes from here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from harness import yamlio
from harness.errors import InvalidInputError, Problem, suggest
from harness.validation import problems_from

SITE_FILE = "site.yaml"
Visitor = Literal["signed_in", "signed_out", "any"]
Action = Literal["sign_in", "sign_out", "sign_out_everywhere"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _path(value: str) -> str:
    if not value.startswith("/") or "//" in value or ".." in value.split("/"):
        raise ValueError(f'a site path starts with / and has no empty or ".." part, got "{value}"')
    return value


class Account(_Strict):
    """The one account the site signs in (a demo account: never a real one)."""

    email: str = Field(min_length=1)
    password: str = Field(min_length=1)


class Page(_Strict):
    file: str = Field(min_length=1, description="An HTML file of the site folder")
    visitor: Visitor = Field(
        "signed_in", description="Who may see it: signed_in (others go to sign_in), signed_out (a signed-in "
        "visitor goes to home), any")


class Form(_Strict):
    action: Action = Field(description="sign_in checks the account; sign_out ends this browser's session; "
                           "sign_out_everywhere ends every session of the account")
    then: str = Field(description="Where the browser goes when it is done")
    error_page: str | None = Field(None, description="sign_in: the page shown again on a wrong password")
    error: str | None = Field(
        None, description="sign_in: the message on that page ({email} is the address typed)")

    _then = field_validator("then", "error_page")(lambda cls, v: v if v is None else _path(v))

    @model_validator(mode="after")
    def _sign_in_says_where_errors_go(self) -> Form:
        if self.action == "sign_in" and (self.error_page is None or self.error is None):
            raise ValueError("a sign_in form needs error_page and error (shown on a wrong password)")
        if self.action != "sign_in" and (self.error_page or self.error):
            raise ValueError("error_page and error belong to a sign_in form")
        return self


class SiteModel(_Strict):
    """A stand-in site (docs/devices.md, "A site for web scenarios")."""

    name: str = Field(min_length=1)
    description: str | None = None
    account: Account
    home: str = Field(description="Where a signed-in visitor starts, and where / leads them")
    sign_in: str = Field(description="Where a signed-out visitor is sent, and where / leads them")
    pages: dict[str, Page]
    forms: dict[str, Form] = Field(default_factory=dict, description="POST path -> what it does")
    static: list[str] = Field(default_factory=list, description="Other files of the folder served as they "
                              "are (style sheets, images): no page loads anything from elsewhere")

    _paths = field_validator("home", "sign_in")(lambda cls, v: _path(v))

    @field_validator("pages", "forms")
    @classmethod
    def _keys_are_paths(cls, value: dict[str, object]) -> dict[str, object]:
        for key in value:
            _path(key)
        return value

    @model_validator(mode="after")
    def _references(self) -> SiteModel:
        pages = set(self.pages)
        wanted = [("home", self.home), ("sign_in", self.sign_in)]
        wanted += [(f"forms.{path}.then", form.then) for path, form in self.forms.items()]
        wanted += [(f"forms.{path}.error_page", form.error_page) for path, form in self.forms.items()
                   if form.error_page]
        for where, path in wanted:
            if path.split("?", 1)[0] not in pages:
                raise ValueError(f'{where}: "{path}" is not one of the pages{suggest(path, pages)}')
        return self


def load_site(folder: str | Path) -> tuple[SiteModel, Path]:
    """The site model of `folder` (its site.yaml, or that file itself) and the folder, every file it names
    checked."""
    given = Path(folder)
    path = given.resolve() if given.is_file() else given.resolve() / SITE_FILE
    root = path.parent
    if not path.is_file():
        raise InvalidInputError([Problem(str(path), 1, 1, f"a site folder holds a {SITE_FILE}: none here")])
    doc = yamlio.load_document(path)
    if not isinstance(doc.data, dict):
        raise InvalidInputError([*doc.problems, doc.locations.problem((), "a site model is a YAML mapping")])
    try:
        model = SiteModel.model_validate(doc.data)
    except ValidationError as exc:
        raise InvalidInputError([*doc.problems, *problems_from(exc, doc.data, doc.locations,
                                                               root=SiteModel)]) from None
    missing = [doc.locations.problem(loc, f"{name} is not a file of {root}") for loc, name in _files(model)
               if not _inside(root, name).is_file()]
    if doc.problems or missing:
        raise InvalidInputError([*doc.problems, *missing])
    return model, root


def _files(model: SiteModel) -> list[tuple[tuple[str | int, ...], str]]:
    out: list[tuple[tuple[str | int, ...], str]] = [(("pages", p, "file"), page.file)
                                                    for p, page in model.pages.items()]
    return out + [(("static", i), name) for i, name in enumerate(model.static)]


def _inside(root: Path, name: str) -> Path:
    """The file `name` of the folder; a name that leads out of it (.., a symlink) names nothing."""
    path = (root / name).resolve()
    return path if path.is_relative_to(root) else root / "\0outside"


def render_schema() -> str:
    """The JSON Schema of site models (harness/schema/site-model.schema.json), for editors."""
    import json

    schema = SiteModel.model_json_schema()
    return json.dumps({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://github.com/harness/harness/schema/site-model.schema.json",
        "title": "Site model",
        "description": "A stand-in website for web scenarios (docs/devices.md, \"A site for web "
                       "scenarios\").",
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }, indent=2, ensure_ascii=False) + "\n"
