"""The Reference's docstrings: their examples run, and every documented function has them.

The Reference pages (docs/reference/*.md) render the docstrings of `churn_case_study` and
`markdown_exam` with mkdocstrings, `>>>` examples included. Here every docstring with examples in
the two packages is one test (id: module.object), run by the standard library's doctest; a
failure shows doctest's report, which names the file and line of the failing example.

Then every function, method and class the Reference documents (what its `:::` directives render:
a module's `__all__`, or its public functions and classes when it has none) must have an example,
and its Google sections must agree with its signature: every parameter under Args and no other,
Returns unless it returns None, Raises for each exception it raises itself. Ruff's pydoclint
rules (DOC) would check the last three, but they are preview-only in ruff 0.17 (pyproject.toml).
"""

from __future__ import annotations

import ast
import dataclasses
import doctest
import importlib
import inspect
import pkgutil
import re
import textwrap
from collections.abc import Iterator
from types import ModuleType

import griffe
import pytest
import yaml

import churn_case_study
import markdown_exam
from guide_tools.paths import DOCS

PACKAGES = (churn_case_study, markdown_exam)
REFERENCE_PAGES = sorted((DOCS / "reference").glob("*.md"))
# Long outputs may wrap at spaces: docstring lines stay under ruff's 100 characters. Examples
# that need more (ELLIPSIS for a temporary path) say so with a `# doctest:` directive.
OPTIONFLAGS = doctest.NORMALIZE_WHITESPACE
# As the Reference pages parse them (their `docstring_options`): a Returns section is one item,
# so its description may run over several lines without a hanging indent.
GOOGLE_OPTIONS = {"returns_multiple_items": False, "warnings": False}


# -- Every example runs ---------------------------------------------------------------------------


def _modules(package: ModuleType) -> Iterator[ModuleType]:
    yield package
    for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
        yield importlib.import_module(info.name)


def _doctests() -> list[doctest.DocTest]:
    finder = doctest.DocTestFinder()
    found = [
        test
        for package in PACKAGES
        for module in _modules(package)
        for test in finder.find(module)
        if test.examples  # docstrings without >>> examples are not tests
    ]
    return sorted(found, key=lambda test: test.name)


DOCTESTS = _doctests()


@pytest.mark.parametrize("test", DOCTESTS, ids=lambda test: test.name)
def test_docstring_examples_run(test: doctest.DocTest):
    # A fresh copy of the module's globals: the runner clears them after the run.
    fresh = doctest.DocTest(
        test.examples, dict(test.globs), test.name, test.filename, test.lineno, test.docstring
    )
    report: list[str] = []
    result = doctest.DocTestRunner(optionflags=OPTIONFLAGS).run(fresh, out=report.append)
    if result.failed:
        pytest.fail("".join(report), pytrace=False)  # File "...", line N, in module.object


# -- What the Reference documents -----------------------------------------------------------------

DIRECTIVE = re.compile(
    r"^::: (?P<identifier>[\w.]+)[ \t]*\n(?P<options>(?:[ ]{4}.*\n|[ \t]*\n)*)", re.M
)


def _directives() -> dict[str, dict]:
    """Each `::: identifier` of the Reference pages, with its options."""
    found = {}
    for page in REFERENCE_PAGES:
        for m in DIRECTIVE.finditer(page.read_text(encoding="utf-8")):
            options = yaml.safe_load(textwrap.dedent(m["options"])) or {}
            found[m["identifier"]] = options.get("options", {})
    return found


def _documented(identifier: str, options: dict) -> Iterator[tuple[str, object]]:
    """The functions and classes a directive renders, by qualified name."""
    module = importlib.import_module(identifier)
    if options.get("members") is False:
        return
    names = getattr(module, "__all__", None)
    if names is None:  # no __all__: what the module itself defines without a leading underscore
        names = [
            name
            for name, obj in vars(module).items()
            if not name.startswith("_") and getattr(obj, "__module__", None) == module.__name__
        ]
    for name in names:
        obj = getattr(module, name)
        if inspect.isclass(obj) or inspect.isfunction(obj):
            yield f"{identifier}.{name}", obj
        if inspect.isclass(obj):
            for attr, member in vars(obj).items():
                if inspect.isfunction(member) and not attr.startswith("_"):
                    yield f"{identifier}.{name}.{attr}", member


DIRECTIVES = _directives()
DOCUMENTED = dict(
    item for identifier, options in DIRECTIVES.items() for item in _documented(identifier, options)
)


def test_the_reference_documents_both_packages():
    expected = {
        "churn_case_study",
        "churn_case_study.constants",
        "markdown_exam.model",
        "markdown_exam.parse",
        "markdown_exam.check",
        "markdown_exam.followups",
        "markdown_exam.export",
        "markdown_exam.index",
    }
    assert expected <= set(DIRECTIVES), f"Reference pages render {sorted(DIRECTIVES)}"
    # Every exported function and class (the constants are documented, without examples).
    exported = {name for name in churn_case_study.__all__ if not name.isupper()}
    assert {f"churn_case_study.{name}" for name in exported} <= set(DOCUMENTED)


def test_the_examples_of_every_documented_object_run_here():
    run = {test.name for test in DOCTESTS}
    missing = [
        name
        for name, obj in DOCUMENTED.items()
        if f"{obj.__module__}.{obj.__qualname__}" not in run
    ]
    assert not missing, f"no doctest found for {missing}"


def _sections(obj: object) -> dict[str, griffe.DocstringSection]:
    docstring = griffe.Docstring(inspect.cleandoc(obj.__doc__ or ""))
    return {s.kind.value: s for s in griffe.parse_google(docstring, **GOOGLE_OPTIONS)}


@pytest.mark.parametrize("name", sorted(DOCUMENTED))
def test_every_documented_function_and_class_has_an_example(name: str):
    obj = DOCUMENTED[name]
    examples = doctest.DocTestParser().get_examples(obj.__doc__ or "")
    assert examples, f"{name}: add an 'Examples:' section with >>> examples to its docstring"
    assert "examples" in _sections(obj), f"{name}: put the >>> examples under 'Examples:'"


def _parameters(func) -> list[str]:
    """The parameters as a Google Args section names them."""
    stars = {inspect.Parameter.VAR_POSITIONAL: "*", inspect.Parameter.VAR_KEYWORD: "**"}
    return [
        stars.get(p.kind, "") + p.name
        for p in inspect.signature(func).parameters.values()
        if p.name not in ("self", "cls")
    ]


def _raised(func) -> set[str]:
    """Exceptions the function raises itself (`raise Name(...)`), not in nested functions."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(func)))
    names, todo = set(), list(ast.iter_child_nodes(tree.body[0]))
    while todo:
        node = todo.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
            continue
        if isinstance(node, ast.Raise) and node.exc is not None:
            exc = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            if isinstance(exc, ast.Name):
                names.add(exc.id)
        todo.extend(ast.iter_child_nodes(node))
    return names


@pytest.mark.parametrize("name", sorted(DOCUMENTED))
def test_docstring_sections_match_the_signature(name: str):
    obj = DOCUMENTED[name]
    sections = _sections(obj)
    args = [p.name for p in sections["parameters"].value] if "parameters" in sections else []
    if inspect.isclass(obj):
        if dataclasses.is_dataclass(obj):  # fields are documented as Attributes
            documented = [a.name for a in sections["attributes"].value]
            fields = [f.name for f in dataclasses.fields(obj)]
            assert documented == fields, f"{name}: Attributes {documented}, fields {fields}"
        elif "__init__" in vars(obj):
            assert args == _parameters(obj.__init__), f"{name}: Args {args}"
        return
    assert args == _parameters(obj), f"{name}: Args {args}, signature {_parameters(obj)}"
    returns = inspect.signature(obj).return_annotation
    if returns not in ("None", None, inspect.Signature.empty):
        assert "returns" in sections, f"{name}: add a 'Returns:' section"
    raises = {r.annotation for r in sections["raises"].value} if "raises" in sections else set()
    missing = _raised(obj) - raises
    assert not missing, f"{name}: add {sorted(missing)} to its 'Raises:' section"
