"""`add_provider`: list a provider in config/app.py, keeping the file as its author wrote it.

The file is edited as text at positions the ``ast`` module gives, so comments, layout and
the other entries are untouched: one import line and one list item are added.
"""

from __future__ import annotations

import ast

__all__ = ["add_provider"]

# The skeleton's own top-level packages: the import goes among these, in order.
_FIRST_PARTY = frozenset({"app", "bootstrap", "config", "orionis", "routes"})


def add_provider(source: str, module: str, class_name: str) -> str | None:
    """``source`` with ``from <module> import <class_name>`` and the class appended to its
    top-level ``providers = [...]``; unchanged when listed already; None without such a list."""
    tree = ast.parse(source)
    listing = _providers_list(tree)
    if listing is None:
        return None
    if any(isinstance(item, ast.Name) and item.id == class_name for item in listing.elts):
        return source
    lines = source.splitlines(keepends=True)
    import_at, first_import = _import_line(tree, module)
    statement = [f"from {module} import {class_name}\n"]
    if first_import:
        # A new block: set apart from what is above (docstring, other imports) and below.
        statement = ["\n", *statement] if import_at else statement
        following = lines[import_at] if import_at < len(lines) else "\n"
        statement += [] if not following.strip() else ["\n"]
    # Edit the later spot first so that the earlier one's line number still holds.
    if import_at > listing.lineno - 1:
        lines[import_at:import_at] = statement
        _append_item(lines, listing, class_name)
    else:
        _append_item(lines, listing, class_name)
        lines[import_at:import_at] = statement
    return "".join(lines)


def _providers_list(tree: ast.Module) -> ast.List | None:
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else []
        if isinstance(node, ast.AnnAssign):
            targets = [node.target]
        named = any(isinstance(t, ast.Name) and t.id == "providers" for t in targets)
        value = getattr(node, "value", None)
        if named and isinstance(value, ast.List):
            return value
    return None


def _import_line(tree: ast.Module, module: str) -> tuple[int, bool]:
    """The index of the line to insert the import before (sorted among first-party ones),
    and whether it starts a new block (the first import, or the first of the project's)."""
    imports = [node for node in tree.body if isinstance(node, ast.Import | ast.ImportFrom)]
    ours = [
        node
        for node in imports
        if isinstance(node, ast.ImportFrom)
        and node.level == 0
        and (node.module or "").split(".")[0] in _FIRST_PARTY
    ]
    for node in ours:
        if (node.module or "") > module:
            return node.lineno - 1, False
    if ours:
        return _end_line(ours[-1]), False
    if imports:
        return _end_line(imports[-1]), True
    docstring = ast.get_docstring(tree) is not None
    return (_end_line(tree.body[0]) if docstring else 0), True


def _end_line(node: ast.stmt) -> int:
    return node.end_lineno if node.end_lineno is not None else node.lineno


def _append_item(lines: list[str], listing: ast.List, item: str) -> None:
    end_row = _end_line_of(listing) - 1
    closing = _column(lines[end_row], _end_col(listing)) - 1  # the "]"
    if not listing.elts:
        start = _column(lines[listing.lineno - 1], listing.col_offset)
        head, tail = lines[listing.lineno - 1][:start], lines[end_row][closing + 1 :]
        lines[listing.lineno - 1 : end_row + 1] = [f"{head}[{item}]{tail}"]
        return
    last = listing.elts[-1]
    last_row = _end_line_of(last) - 1
    after = _column(lines[last_row], _end_col(last))
    line = lines[last_row]
    if last_row == end_row:
        lines[last_row] = f"{line[:after]}, {item}{line[after:]}"
        return
    # One item per line: a new line like the last item's, before the closing bracket's line.
    between = "".join(lines[last_row : end_row + 1])[after:]
    if not between.lstrip().startswith(","):
        lines[last_row] = f"{line[:after]},{line[after:]}"
    indent = line[: len(line) - len(line.lstrip())]
    lines.insert(end_row, f"{indent}{item},\n")


def _end_line_of(node: ast.expr) -> int:
    return node.end_lineno if node.end_lineno is not None else node.lineno


def _end_col(node: ast.expr) -> int:
    return node.end_col_offset if node.end_col_offset is not None else node.col_offset


def _column(line: str, byte_offset: int) -> int:
    """The character index of an ``ast`` column, which counts UTF-8 bytes."""
    return len(line.encode("utf-8")[:byte_offset].decode("utf-8", errors="ignore"))
