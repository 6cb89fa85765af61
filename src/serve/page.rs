//! What `serve` adds to a page: the reload script and the problems overlay.
//!
//! Built sites stay script-free; only pages served by `serve` get one `<script src>` of our
//! own (`/__mxspec/reload.js`, which long-polls for the next build and reloads the page), and
//! the response's Content-Security-Policy allows no other script.

use super::rebuild::Problem;
use crate::diagnostic::Severity;

/// The URL prefix of serve's own resources. A page of the build at such a path would be
/// hidden by them; serve's own answer wins.
pub const OWN_PREFIX: &str = "/__mxspec/";

/// The reload script: waits for a build newer than the page's, then reloads. A failed
/// request (the server stopped) is retried once a second.
pub const RELOAD_SCRIPT: &str = r#"(() => {
  const script = document.currentScript;
  let since = script.dataset.generation;
  const reload = () => location.reload();
  const updated = () => requestAnimationFrame(() => dispatchEvent(new Event("mxspec:updated")));
  // The changed elements of the new build, put in place; a reload when the page changed shape.
  const patch = () =>
    fetch(`/__mxspec/patch?page=${encodeURIComponent(location.pathname)}&from=${since}`, { cache: "no-store" })
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then((patch) => {
        if (patch.reload) return reload();
        for (const change of patch.changes) {
          let element = document.querySelector("main");
          for (const index of change.path) element = element && element.children[index];
          if (!element || element.tagName.toLowerCase() !== change.tag) return reload();
          element.outerHTML = change.html;
        }
        if (patch.overlay !== undefined) {
          document.getElementById("mxspec-overlay")?.remove();
          if (patch.overlay) script.insertAdjacentHTML("beforebegin", patch.overlay);
        }
        since = String(patch.generation);
        updated();
        poll();
      })
      .catch(reload);
  const poll = () =>
    fetch(`/__mxspec/wait?since=${since}`, { cache: "no-store" })
      .then((response) => (response.ok ? response.text() : Promise.reject(response.status)))
      .then((generation) => (generation.trim() !== since ? patch() : poll()))
      .catch(() => setTimeout(poll, 1000));
  poll();
})();
"#;

/// How many problems the overlay lists; the terminal has them all.
const MAX_LISTED: usize = 200;

/// `html` with `overlay` (see [`overlay`]) and the reload script for build `generation`.
pub fn decorate(html: &str, overlay: &str, generation: u64) -> String {
    let mut extra = overlay.to_owned();
    extra.push_str(&format!(
        "<script src=\"{OWN_PREFIX}reload.js\" data-generation=\"{generation}\"></script>\n"
    ));
    match html.rfind("</body>") {
        Some(at) => {
            let mut out = String::with_capacity(html.len() + extra.len());
            out.push_str(&html[..at]);
            out.push_str(&extra);
            out.push_str(&html[at..]);
            out
        }
        None => format!("{html}{extra}"),
    }
}

/// A page of serve's own (no build yet, or a path the build does not have): a title, a
/// message, and links to the pages there are.
pub fn own_page<'p>(title: &str, message: &str, pages: impl Iterator<Item = &'p String>) -> String {
    let mut list = String::new();
    for page in pages {
        let page = escape(page);
        list.push_str(&format!("<li><a href=\"/{page}\">{page}</a></li>\n"));
    }
    if list.is_empty() {
        list.push_str("<li>none yet</li>\n");
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n</head>\n<body style=\"font-family: sans-serif; margin: 2em\">\n<h1>{title}</h1>\n<p>{message}</p>\n<h2>Pages</h2>\n<ul>\n{list}</ul>\n</body>\n</html>\n",
        title = escape(title),
        message = escape(message),
    )
}

/// The overlay of a build, made once and put into every page served: a bar at the top of the
/// page when there are errors (at the bottom for warnings alone), its list (the first
/// [`MAX_LISTED`] problems) open when the build failed.
pub fn overlay(problems: &[Problem], stale: bool) -> String {
    if problems.is_empty() {
        return String::new();
    }
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let warnings = problems.len() - errors;
    let (position, colours) = if errors > 0 {
        (
            "top: 0",
            "background: #fff0f0; color: #300; border-bottom: 3px solid #c00",
        )
    } else {
        (
            "bottom: 0",
            "background: #fffbe6; color: #330; border-top: 3px solid #c90",
        )
    };
    // Open when the page on screen is not what the files say; a bar to open otherwise.
    let open = if stale { " open" } else { "" };
    let mut counts = Vec::new();
    if errors > 0 {
        counts.push(count(errors, "error"));
    }
    if warnings > 0 {
        counts.push(count(warnings, "warning"));
    }
    let mut summary = counts.join(", ");
    if stale {
        summary.push_str(" (showing the last good build)");
    }
    let mut items = String::new();
    for problem in problems.iter().take(MAX_LISTED) {
        let kind = match problem.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let rule = problem.rule.map(|r| format!("[{r}]")).unwrap_or_default();
        let place = problem
            .place()
            .map(|p| format!("<code>{}</code> ", escape(&p)))
            .unwrap_or_default();
        items.push_str(&format!(
            "<li>{place}<strong>{kind}{rule}</strong>: {}</li>\n",
            escape(&problem.message)
        ));
    }
    if problems.len() > MAX_LISTED {
        items.push_str(&format!(
            "<li>… and {} more: the terminal lists them all</li>\n",
            problems.len() - MAX_LISTED
        ));
    }
    format!(
        "<div id=\"mxspec-overlay\" role=\"alert\" style=\"position: fixed; {position}; left: 0; right: 0; z-index: 2147483647; max-height: 45vh; overflow: auto; margin: 0; padding: 0.4em 1em; {colours}; font: 13px/1.5 monospace; text-align: left\">\n<details{open}><summary>mxspec serve: {summary}</summary>\n<ul style=\"margin: 0.3em 0; padding-left: 1.2em\">\n{items}</ul>\n</details>\n</div>\n"
    )
}

fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// Escapes text for HTML content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(severity: Severity, message: &str) -> Problem {
        Problem {
            severity,
            file: Some("api/a.yaml".into()),
            line: 3,
            column: 5,
            rule: Some("yaml-syntax"),
            message: message.into(),
            text: String::new(),
        }
    }

    #[test]
    fn the_script_and_overlay_go_before_the_end_of_the_body() {
        let page = decorate(
            "<html><body><p>x</p></body></html>",
            &overlay(&[problem(Severity::Error, "bad")], true),
            7,
        );
        let overlay = page.find("mxspec-overlay").unwrap();
        let script = page.find("data-generation=\"7\"").unwrap();
        assert!(page.find("<p>x</p>").unwrap() < overlay);
        assert!(overlay < script && script < page.find("</body>").unwrap());
        assert!(page.contains(
            "<details open><summary>mxspec serve: 1 error (showing the last good build)"
        ));
        assert!(
            page.contains("<code>api/a.yaml:3:5</code> <strong>error[yaml-syntax]</strong>: bad")
        );
    }

    #[test]
    fn problem_text_is_escaped() {
        let page = decorate(
            "<body></body>",
            &overlay(
                &[problem(Severity::Warning, "<script>alert(1)</script>")],
                false,
            ),
            1,
        );
        assert!(!page.contains("<script>alert"));
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        // A build that did not fail folds the list.
        assert!(page.contains("<details><summary>mxspec serve: 1 warning</summary>"));
    }

    #[test]
    fn a_clean_build_gets_the_script_only() {
        let page = decorate("<body></body>", &overlay(&[], false), 3);
        assert!(!page.contains("mxspec-overlay"));
        assert!(
            page.contains("<script src=\"/__mxspec/reload.js\" data-generation=\"3\"></script>")
        );
    }

    #[test]
    fn the_overlay_lists_a_bounded_number_of_problems() {
        let many: Vec<_> = (0..MAX_LISTED + 5)
            .map(|i| problem(Severity::Error, &format!("problem {i}")))
            .collect();
        let shown = overlay(&many, true);
        assert_eq!(shown.matches("<li>").count(), MAX_LISTED + 1);
        assert!(shown.contains("… and 5 more: the terminal lists them all"));
        assert!(shown.contains(&format!("{} errors", MAX_LISTED + 5)));
    }
}
