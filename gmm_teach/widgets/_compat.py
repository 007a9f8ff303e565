"""What differs between ipywidgets 7.7+ and 8: the widgets call these instead of 8-only API.

Google Colab ships ipywidgets 7.7 and imports it when the kernel starts (ipywidgets 8 would need an
upgrade and a runtime restart there); JupyterLab 4, Notebook 7, VS Code and Voilà use ipywidgets 8.
Every difference the widgets meet is here:

- Tab titles: 8 has ``Tab(titles=...)``; ``set_title(i, text)`` works in both.
- The registry of open widgets: ``ipywidgets.widgets.widget._instances`` in 8, the class attribute
  ``Widget.widgets`` in 7 (deprecated in 8).
- Descriptions: 8 shows them as plain text unless ``description_allow_html`` is set; 7 always
  renders them as HTML (and shows the raw HTML as the tooltip, hence a plain-text tooltip there).
- Button font size: ``ButtonStyle.font_size`` exists in 8 only (7: the default size).
- The message the kernel is running (for the cell-re-run cleanup): ``kernel.get_parent()`` in
  ipykernel 6 and later, ``kernel._parent_header`` in ipykernel 5 (older Colab runtimes). Only
  JupyterLab and Notebook 7 send the cell id (``metadata.cellId``); elsewhere nothing is closed early.

>>> import ipywidgets as ipw
>>> tab = ipw.Tab(children=[ipw.HTML(), ipw.HTML()])
>>> set_titles(tab, ["a", "b"])
>>> [tab.get_title(0), tab.get_title(1)]
['a', 'b']
>>> tab.close()
"""
from __future__ import annotations

import ipywidgets as ipw

IPYWIDGETS_MAJOR = int(ipw.__version__.split(".")[0])


def open_widgets() -> dict:
    """ipywidgets' registry of open widgets (model id -> widget): every widget not closed yet."""
    from ipywidgets.widgets import widget as module

    registry = getattr(module, "_instances", None)  # ipywidgets 8
    if registry is None:
        registry = ipw.Widget.widgets  # ipywidgets 7
    return registry


def set_titles(tab, titles) -> None:
    """Give a Tab's pages their titles (ipywidgets 7 and 8)."""
    for index, title in enumerate(titles):
        tab.set_title(index, title)


def html_description(control, markup: str, text: str) -> None:
    """Show markup (HTML) as control's description; text is the same words as plain text (the tooltip in 7)."""
    if control.has_trait("description_allow_html"):  # ipywidgets 8: plain text unless allowed
        control.description_allow_html = True
    elif control.has_trait("description_tooltip"):  # ipywidgets 7: HTML always; the tooltip would show the tags
        control.description_tooltip = text
    control.description = markup


def set_font_size(style, size: str) -> bool:
    """Set a ButtonStyle's font size where ipywidgets has it (8); False where it has not (7)."""
    if style.has_trait("font_size"):
        style.font_size = size
        return True
    return False


def parent_message(kernel) -> dict | None:
    """The message (header, metadata, ...) the kernel is handling now, or None (no kernel, unknown kernel)."""
    if kernel is None:
        return None
    try:
        if hasattr(kernel, "get_parent"):  # ipykernel >= 6
            parent = kernel.get_parent()
        else:  # ipykernel 5
            parent = getattr(kernel, "_parent_header", None)
    except Exception:
        return None
    return parent if isinstance(parent, dict) else None
