//! Where the site is published, and how paths inside it become URLs.
//!
//! Every URL the generator writes goes through [`BaseUrl`], so a site
//! published under a sub-path (GitHub project pages: `/repo/`) works the
//! same as one at a domain's root.

/// The published location: an optional origin (`https://example.com`) and a
/// path prefix that always starts and ends with `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    origin: Option<String>,
    path: String,
}

impl BaseUrl {
    /// Accepts `https://host/path/`, `http://…`, or a bare path like `/repo/`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        if text.is_empty() {
            return Err("the base URL is empty".to_string());
        }
        let (origin, path) = if let Some(rest) = text
            .strip_prefix("https://")
            .map(|r| ("https://", r))
            .or_else(|| text.strip_prefix("http://").map(|r| ("http://", r)))
        {
            let (scheme, rest) = rest;
            let (host, path) = match rest.find('/') {
                Some(i) => (&rest[..i], &rest[i..]),
                None => (rest, "/"),
            };
            if host.is_empty() || host.contains(['?', '#', ' ', '@']) {
                return Err(format!("`{text}` has no valid host name"));
            }
            (Some(format!("{scheme}{host}")), path)
        } else if text.starts_with('/') {
            (None, text)
        } else {
            return Err(format!(
                "`{text}` is neither an http(s) URL nor a path starting with `/`"
            ));
        };
        if path.contains(['?', '#', ' ', '\\']) || path.split('/').any(|s| s == "..") {
            return Err(format!(
                "the path of `{text}` cannot contain `?`, `#`, spaces or `..`"
            ));
        }
        let mut path = path.to_string();
        if !path.ends_with('/') {
            path.push('/');
        }
        while path.contains("//") {
            path = path.replace("//", "/");
        }
        Ok(Self { origin, path })
    }

    /// The path prefix, e.g. `/` or `/repo/`.
    pub fn path(&self) -> &str {
        &self.path
    }

    pub fn origin(&self) -> Option<&str> {
        self.origin.as_deref()
    }

    /// A site path (`aftercare/`, `/style.css`) as a URL path with the prefix:
    /// `/repo/aftercare/`.
    ///
    /// Page names may hold any letter (`café.md`), so bytes outside ASCII
    /// are percent-encoded: the sitemap protocol and RFC 3986 want URLs
    /// escaped, and browsers show the letters again. Everything else a
    /// site path can hold is already URL-safe (see `page::is_url_segment`).
    pub fn url(&self, site_path: &str) -> String {
        let mut out = String::with_capacity(self.path.len() + site_path.len());
        out.push_str(&self.path);
        push_encoded(&mut out, site_path.trim_start_matches('/'));
        out
    }

    /// The full URL, origin included when known (canonical links, sitemap,
    /// feed); falls back to the prefixed path.
    pub fn absolute(&self, site_path: &str) -> String {
        match &self.origin {
            Some(origin) => format!("{origin}{}", self.url(site_path)),
            None => self.url(site_path),
        }
    }
}

/// Appends `path` with every non-ASCII byte (and control character)
/// written as `%XX`.
fn push_encoded(out: &mut String, path: &str) {
    if path.is_ascii() {
        out.push_str(path);
        return;
    }
    out.extend(percent_encoding::utf8_percent_encode(
        path,
        percent_encoding::CONTROLS,
    ));
}

/// A path as written in a link (`my%20photo.jpg`) as the file is named
/// (`my photo.jpg`); `None` when the escapes do not spell UTF-8.
pub fn decode_path(path: &str) -> Option<std::borrow::Cow<'_, str>> {
    percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()
}

impl Default for BaseUrl {
    fn default() -> Self {
        Self {
            origin: None,
            path: "/".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn project_pages_keep_their_prefix() {
        let base = BaseUrl::parse("https://user.github.io/repo").unwrap();
        assert_eq!(base.path(), "/repo/");
        assert_eq!(base.url("aftercare/"), "/repo/aftercare/");
        assert_eq!(base.url("/style.css"), "/repo/style.css");
        assert_eq!(base.absolute(""), "https://user.github.io/repo/");
    }

    #[test]
    fn root_and_bare_paths() {
        assert_eq!(BaseUrl::parse("https://a.org").unwrap().url("x/"), "/x/");
        assert_eq!(BaseUrl::parse("/").unwrap().absolute("x/"), "/x/");
        assert_eq!(BaseUrl::parse("/docs").unwrap().path(), "/docs/");
    }

    #[test]
    fn letters_outside_ascii_are_percent_encoded() {
        let base = BaseUrl::parse("https://a.org/repo/").unwrap();
        assert_eq!(base.url("café/"), "/repo/caf%C3%A9/");
        assert_eq!(base.absolute("über/x/"), "https://a.org/repo/%C3%BCber/x/");
        assert_eq!(base.url("plain-name/"), "/repo/plain-name/");
    }

    #[test]
    fn link_paths_are_decoded_to_file_names() {
        assert_eq!(decode_path("my%20photo.jpg").unwrap(), "my photo.jpg");
        assert_eq!(decode_path("caf%C3%A9.md").unwrap(), "café.md");
        assert_eq!(decode_path("plain.md").unwrap(), "plain.md");
        assert!(decode_path("bad%FF.md").is_none());
    }

    #[test]
    fn rejects_what_is_not_a_url() {
        assert!(BaseUrl::parse("example.com").is_err());
        assert!(BaseUrl::parse("https:///x").is_err());
        assert!(BaseUrl::parse("/a/../b").is_err());
        assert!(BaseUrl::parse("").is_err());
    }
}
