"""What a person sees in the Allure 3 (awesome) report, read from the rendered page.

Selectors are the report's own `data-testid` attributes (stable across its releases, unlike CSS classes).
"""

from __future__ import annotations

import json

from tests.report.report_browser import Page


def js(value: str) -> str:
    """A Python string as a JavaScript string literal."""
    return json.dumps(value)


def open_report(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for(
        "document.querySelectorAll('[data-testid=tree-leaf], [data-testid=tree-section]').length > 0",
        what="the test tree",
    )
    expand_tree(page)
    page.wait_for("document.querySelectorAll('[data-testid=tree-leaf]').length > 0", what="the test tree")


# the element of `testid` inside section `s` that belongs to `s` itself, not to a nested section
OWN = ("((s, id) => [...s.querySelectorAll(`[data-testid=${id}]`)]"
       ".find(e => e.closest('[data-testid=tree-section]') === s))")
IS_ENV = f"{OWN}(s, 'tree-section-env-button')"


def expand_tree(page: Page) -> None:
    """Open every collapsed group, level by level, as a person clicks them (passing groups start closed).

    With Allure environments the tree's top level is one section per environment (an env button over
    its content) instead of a group title."""
    closed = f"""[...document.querySelectorAll('[data-testid=tree-section]')]
        .filter(s => !({IS_ENV}))
        .filter(s => !s.parentElement.querySelector(':scope > [data-testid=tree-content]'))"""
    closed_envs = f"""[...document.querySelectorAll('[data-testid=tree-section]')]
        .filter(s => {IS_ENV})
        .filter(s => !{OWN}(s, 'tree-section-env-content'))"""
    for _ in range(10):
        before = page.evaluate("document.querySelectorAll('[data-testid=tree-content]').length")
        opened = page.evaluate(
            f"(() => {{ const e = {closed_envs}; "
            "e.forEach(s => s.querySelector('[data-testid=tree-section-env-button]').click()); "
            f"const c = {closed}; "
            "c.forEach(s => s.querySelector('[data-testid=tree-section-title]').click()); "
            "return c.length + e.length; })()"
        )
        if not opened:
            return
        page.wait_for(f"document.querySelectorAll('[data-testid=tree-content]').length > {before}",
                      what="the opened groups")


def environment_trees(page: Page) -> dict[str, dict[str, str]]:
    """Environment name -> (title -> status) of the tests the report lists under that environment."""
    expand_tree(page)
    return dict(page.evaluate(
        rf"""[...document.querySelectorAll('[data-testid=tree-section]')]
            .filter(s => {IS_ENV})
            .map(s => [s.querySelector('[data-testid=tree-section-env-button]').innerText
                          .replace(/\s*\d+\s*$/, '').replace(/^Environment:\s*/, '')
                          .replace(/^"|"$/g, ''),
                       Object.fromEntries([...s.querySelectorAll('[data-testid=tree-leaf]')].map(leaf => {{
                           const icon = leaf.querySelector('[data-testid^=tree-leaf-status-]');
                           return [leaf.querySelector('[data-testid=tree-leaf-title]').innerText.trim(),
                                   icon.getAttribute('data-testid').replace('tree-leaf-status-', '')];
                       }}))])"""
    ))


def tree(page: Page) -> dict[str, str]:
    """Title -> status of every test in the tree (status from the leaf's status icon)."""
    expand_tree(page)
    leaves = page.evaluate(
        """[...document.querySelectorAll('[data-testid=tree-leaf]')].map(leaf => {
            const icon = leaf.querySelector('[data-testid^=tree-leaf-status-]');
            return [leaf.querySelector('[data-testid=tree-leaf-title]').innerText.trim(),
                    icon ? icon.getAttribute('data-testid').replace('tree-leaf-status-', '') : ''];
        })"""
    )
    return dict(leaves)


def open_test(page: Page, title: str) -> None:
    """Click a test in the tree and wait for its page."""
    expand_tree(page)
    clicked = page.evaluate(
        f"""(() => {{
            const leaf = [...document.querySelectorAll('[data-testid=tree-leaf]')]
                .find(l => l.querySelector('[data-testid=tree-leaf-title]').innerText.trim() === {js(title)});
            if (!leaf) return false;
            leaf.click();
            return true;
        }})()"""
    )
    assert clicked, f"no test titled {title!r} in the tree: {tree(page)}"
    page.wait_for(
        "(document.querySelector('[data-testid=test-result-info-title]') || {}).innerText === " + js(title),
        what=f"the page of {title!r}",
    )


def result_status(page: Page) -> str:
    return page.evaluate(
        "document.querySelector('[data-testid^=test-result-status-]').getAttribute('data-testid')"
        ".replace('test-result-status-', '')"
    )


def error_message(page: Page) -> str:
    return page.evaluate(
        "(document.querySelector('[data-testid=test-result-error-message]') || {}).innerText || ''"
    )


def step_titles(page: Page) -> list[str]:
    return page.evaluate(
        "[...document.querySelectorAll('[data-testid=test-result-step-title]')].map(e => e.innerText.trim())"
    )


def attachment_headers(page: Page) -> list[str]:
    return page.evaluate(
        "[...document.querySelectorAll('[data-testid=test-result-attachment-header]')].map(e => e.innerText)"
    )


def open_image_attachment(page: Page, name: str) -> tuple[int, int]:
    """Expand the attachment called `name` and return the size of the image the page displays."""
    opened = page.evaluate(
        f"""(() => {{
            const header = [...document.querySelectorAll('[data-testid=test-result-attachment-header]')]
                .find(h => h.innerText.includes({js(name)}));
            if (!header) return false;
            header.querySelector('button').click();
            return true;
        }})()"""
    )
    assert opened, f"no attachment {name!r}: {attachment_headers(page)}"
    size = page.wait_for(
        """(() => {
            const img = [...document.querySelectorAll('[data-testid=test-result-attachment] img')]
                .find(i => i.complete && i.naturalWidth > 0);
            return img ? [img.naturalWidth, img.naturalHeight] : null;
        })()""",
        what=f"the image of attachment {name!r}",
    )
    return size[0], size[1]


def open_tab(page: Page, testid: str) -> None:
    page.evaluate(f"document.querySelector('[data-testid={testid}]').click()")


def history_items(page: Page) -> int:
    """Earlier results of the open test, as listed in its History tab."""
    open_tab(page, "test-result-tab-history")
    return page.wait_for(
        "document.querySelectorAll('[data-testid=test-result-history-item]').length",
        what="the test's history",
    )


def category_names(page: Page) -> list[str]:
    open_tab(page, "nav-tab-categories")
    return page.wait_for(
        "(() => { const t = [...document.querySelectorAll('[data-testid=tree-section-title]')]"
        ".map(e => e.innerText.trim()); return t.length ? t : null; })()",
        what="the categories",
    )


def status_dynamics_runs(page: Page, url: str) -> int:
    """Runs drawn in the 'Status dynamics' trend of the Graphs section (earlier runs plus this one).

    With no history the widget says so and draws nothing: 0.
    """
    page.goto(url + "#charts")
    found = page.wait_for(
        """(() => {
            const title = [...document.querySelectorAll('*')]
                .find(e => e.childElementCount === 0 && e.textContent.trim() === 'Status dynamics');
            let widget = title;
            while (widget && widget.innerText.trim() === 'Status dynamics') widget = widget.parentElement;
            if (!widget) return null;
            const runs = widget.querySelectorAll('[data-testid=bars] > [data-testid=group]').length;
            const empty = widget.innerText.includes('No history information available');
            return runs || empty ? [runs] : null;
        })()""",
        what="the Status dynamics trend",
    )
    return found[0]


def step_attachment_headers(page: Page, step_title: str) -> list[str]:
    """Headers of the attachments shown inside the step titled `step_title` (opening it if needed)."""
    find = f"""[...document.querySelectorAll('[data-testid=test-result-step]')].find(s =>
        s.querySelector('[data-testid=test-result-step-title]').innerText.trim() === {js(step_title)})"""
    found = page.evaluate(
        f"(() => {{ const s = {find}; if (!s) return false; "
        "if (!s.querySelector('[data-testid=test-result-step-content]')) "
        "s.querySelector('[data-testid=test-result-step-header]').click(); return true; })()"
    )
    assert found, f"no step {step_title!r}: {step_titles(page)}"
    return page.wait_for(
        f"""(() => {{ const s = {find};
            const own = [...s.querySelectorAll('[data-testid=test-result-attachment-header]')]
                .filter(h => h.closest('[data-testid=test-result-step]') === s);
            return own.length ? own.map(h => h.innerText) : null; }})()""",
        what=f"the attachments of step {step_title!r}",
    )


def own_attachment_headers(page: Page) -> list[str]:
    """Headers of the attachments of the test itself (outside every step)."""
    return page.evaluate(
        "[...document.querySelectorAll('[data-testid=test-result-attachment-header]')]"
        ".filter(h => !h.closest('[data-testid=test-result-step]')).map(h => h.innerText)"
    )


def metadata_section(page: Page, title: str) -> dict[str, str]:
    """Key -> value of a titled list of the page ("Parameters", "Variables", "Metadata"), expanded."""
    # the list sits one or two levels below the element whose first line is the section's title
    titled = f"(e => e && e.innerText.trim().split('\\n')[0].trim() === {js(title)})"
    section = f"""[...document.querySelectorAll('[data-testid=metadata-list]')].find(l =>
        {titled}(l.parentElement) || {titled}(l.parentElement.parentElement))"""
    page.evaluate(f"""(() => {{ const l = {section}; if (!l) return;
        const more = [...l.parentElement.parentElement.querySelectorAll('button')]
            .find(b => b.innerText.trim() === 'Show more');
        if (more) more.click(); }})()""")
    return dict(page.wait_for(
        f"""(() => {{ const l = {section}; if (!l) return null;
            return [...l.querySelectorAll('[data-testid=metadata-item]')].map(i => [
                i.querySelector('[data-testid=metadata-item-key]').innerText.trim(),
                i.querySelector('[data-testid=metadata-item-value]').innerText.trim()]); }})()""",
        what=f"the {title} list",
    ))


def choose_environment(page: Page, name: str) -> None:
    """Pick an environment in the report header's environment picker."""
    open_environment_picker(page)
    chosen = page.evaluate(
        f"""(() => {{ const item = [...document.querySelectorAll('[data-testid=environment-picker-item]')]
            .find(i => i.innerText.trim() === {js(name)});
            if (!item) return false;  // the handler is on the label inside the item
            [...item.querySelectorAll('*')].filter(e => e.childElementCount === 0).concat([item])[0].click();
            return true; }})()"""
    )
    assert chosen, f"no environment {name!r} in the picker"
    page.wait_for(
        "(document.querySelector('[data-testid=environment-picker]') || {}).innerText.includes("
        + js(name) + ")",
        what=f"environment {name!r} chosen",
    )


def open_environment_picker(page: Page) -> None:
    page.evaluate("document.querySelector('[data-testid=environment-picker-item]') || "
                  "document.querySelector('[data-testid=environment-picker-button]').click()")
    page.wait_for("document.querySelectorAll('[data-testid=environment-picker-item]').length > 0",
                  what="the environment picker")


def environment_names(page: Page) -> list[str]:
    """The environments the picker offers (it stays open)."""
    open_environment_picker(page)
    return page.evaluate(
        "[...document.querySelectorAll('[data-testid=environment-picker-item]')].map(e => e.innerText.trim())"
    )
