//! From a request target to a file of the built site. Files are looked up
//! in memory by their output path, so nothing outside the site can be
//! reached; still, anything that tries (`..`, encoded slashes, absolute
//! paths) is refused outright rather than normalised, so a preview never
//! teaches a link that would break on a real host.

/// What a request target refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// An output file, by its path in the site (`a/index.html`).
    File(String),
    /// Send the browser here instead (`/repo` → `/repo/`).
    Redirect(String),
    /// The live-reload stream; `since` is the generation the page was
    /// built from.
    Events {
        since: Option<u64>,
    },
    NotFound,
}

/// Resolves `target` (the request line's path and query) for a site
/// published under `base_path`; `exists` says whether an output file
/// exists.
pub fn resolve(target: &str, base_path: &str, exists: impl Fn(&str) -> bool) -> Target {
    let (raw_path, query) = match target.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (target, None),
    };
    let raw_path = raw_path.split('#').next().unwrap_or("");
    if raw_path == super::EVENTS_PATH {
        let since = query
            .and_then(|q| q.split('&').find_map(|kv| kv.strip_prefix("since=")))
            .and_then(|v| v.parse().ok());
        return Target::Events { since };
    }
    let Some(path) = decode(raw_path) else {
        return Target::NotFound;
    };
    if !path.starts_with('/')
        || path.starts_with("//")
        || path.contains(['\\', '\0'])
        || path
            .split('/')
            .any(|segment| segment == ".." || segment == ".")
    {
        return Target::NotFound;
    }
    if path == "/" && base_path != "/" {
        return Target::Redirect(base_path.to_string());
    }
    if base_path.len() > 1 && path == base_path.trim_end_matches('/') {
        return Target::Redirect(base_path.to_string());
    }
    let Some(rel) = path.strip_prefix(base_path) else {
        return Target::NotFound;
    };
    if rel.is_empty() || rel.ends_with('/') {
        let index = format!("{rel}index.html");
        return if exists(&index) {
            Target::File(index)
        } else {
            Target::NotFound
        };
    }
    if exists(rel) {
        Target::File(rel.to_string())
    } else if exists(&format!("{rel}/index.html")) {
        Target::Redirect(format!("{raw_path}/"))
    } else {
        Target::NotFound
    }
}

/// Percent-decodes a path. Encoded slashes and backslashes are refused:
/// they would make one segment look like two.
fn decode(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            let byte = u8::from_str_radix(hex, 16).ok()?;
            if matches!(byte, b'/' | b'\\' | 0) {
                return None;
            }
            out.push(byte);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(path: &str) -> bool {
        ["index.html", "a/index.html", "style.css", "a/photo one.png"].contains(&path)
    }

    #[test]
    fn serves_files_and_indexes() {
        assert_eq!(resolve("/", "/", site), Target::File("index.html".into()));
        assert_eq!(
            resolve("/a/?x=1", "/", site),
            Target::File("a/index.html".into())
        );
        assert_eq!(resolve("/a", "/", site), Target::Redirect("/a/".into()));
        assert_eq!(
            resolve("/a/photo%20one.png", "/", site),
            Target::File("a/photo one.png".into())
        );
        assert_eq!(resolve("/nope", "/", site), Target::NotFound);
    }

    #[test]
    fn honours_the_base_path() {
        assert_eq!(
            resolve("/repo/", "/repo/", site),
            Target::File("index.html".into())
        );
        assert_eq!(
            resolve("/repo", "/repo/", site),
            Target::Redirect("/repo/".into())
        );
        assert_eq!(
            resolve("/", "/repo/", site),
            Target::Redirect("/repo/".into())
        );
        assert_eq!(resolve("/style.css", "/repo/", site), Target::NotFound);
    }

    #[test]
    fn refuses_traversal() {
        for bad in [
            "/../etc/passwd",
            "/a/../index.html",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc",
            "/a%2findex.html",
            "/a%5c..%5cx",
            "//etc/passwd",
            "http://example.com/",
            "/a/./index.html",
            "/%00",
            "/%zz",
        ] {
            assert_eq!(resolve(bad, "/", site), Target::NotFound, "{bad}");
        }
    }

    #[test]
    fn events_carry_the_generation() {
        assert_eq!(
            resolve("/__faqpress/events?since=3", "/repo/", site),
            Target::Events { since: Some(3) }
        );
    }
}
