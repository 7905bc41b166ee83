//! Netlify's `_headers`: security headers for every page and long caching
//! for fingerprinted assets. GitHub Pages ignores the file.

use crate::layout;
use crate::output::OutputFile;
use crate::url::BaseUrl;

/// What the generated pages need and nothing more: they load only their
/// own stylesheet, favicon and images, and run no script at all. JSON-LD
/// `<script type="application/ld+json">` blocks are data, never executed,
/// so `script-src` can stay `'none'`. Images may also come over https
/// because Markdown can embed pictures from elsewhere.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self' https: data:; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The policy of a site whose pages load a script of its own (the
/// checklist's) but have no search: `script-src 'self'`, since without it
/// `default-src 'none'` would block that script too. Nothing else changes.
pub const SCRIPT_CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The policy of a site with search: Pagefind's script and worker are the
/// site's own files, it compiles its WebAssembly (`'wasm-unsafe-eval'`)
/// and fetches its index from the site (`connect-src`). Nothing else
/// changes.
pub const SEARCH_CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; style-src 'self'; img-src 'self' https: data:; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The Content-Security-Policy of a site, with or without search, and
/// with or without other scripts of its own (`scripts`: the checklist's).
pub fn content_security_policy(search: bool, scripts: bool) -> &'static str {
    match (search, scripts) {
        (true, _) => SEARCH_CONTENT_SECURITY_POLICY,
        (false, true) => SCRIPT_CONTENT_SECURITY_POLICY,
        (false, false) => CONTENT_SECURITY_POLICY,
    }
}

/// Every header applied to every page, as (name, value); the CSP is
/// [`content_security_policy`].
pub const PAGE_HEADERS: &[(&str, &str)] = &[
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    // Only features every current browser knows: an unknown one is logged
    // as a console error.
    (
        "Permissions-Policy",
        "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    ),
];

/// Fingerprinted files change name when their content changes, so they
/// can be cached for a year.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// `fingerprinted` are site paths of content-hashed files (`style.<hash>.css`);
/// `search` and `scripts` choose the [`content_security_policy`].
pub fn headers(base: &BaseUrl, fingerprinted: &[&str], search: bool, scripts: bool) -> OutputFile {
    let mut text = format!("{}*\n", base.path());
    let csp = content_security_policy(search, scripts);
    text.push_str(&format!("  Content-Security-Policy: {csp}\n"));
    for (name, value) in PAGE_HEADERS {
        text.push_str(&format!("  {name}: {value}\n"));
    }
    for path in fingerprinted {
        text.push_str(&format!(
            "{}\n  Cache-Control: {IMMUTABLE}\n",
            base.url(path)
        ));
    }
    OutputFile::text(layout::HEADERS, text)
}

pub use crate::plan::is_fingerprinted;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_carry_the_base_path() {
        let base = BaseUrl::parse("https://u.github.io/repo/").unwrap();
        let file = headers(&base, &["style.0123abcdef.css"], false, false);
        let crate::output::Contents::Bytes(bytes) = file.contents else {
            unreachable!()
        };
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.starts_with("/repo/*\n  Content-Security-Policy: default-src 'none';"));
        assert!(text.contains(
            "/repo/style.0123abcdef.css\n  Cache-Control: public, max-age=31536000, immutable\n"
        ));
        assert!(is_fingerprinted("style.0123abcdef.css"));
        assert!(!is_fingerprinted("style.css"));
        assert!(!is_fingerprinted("img/style.x.css"));
        assert!(is_fingerprinted("search.0123abcdef.js"));
        assert!(is_fingerprinted("checklist.0123abcdef.js"));
        assert!(!is_fingerprinted("checklist.js"));
    }

    #[test]
    fn search_adds_script_wasm_and_fetches_from_the_site_only() {
        let with = content_security_policy(true, false);
        let without = content_security_policy(false, false);
        assert_eq!(content_security_policy(true, true), with);
        assert!(!without.contains("script-src"));
        assert!(with.contains("script-src 'self' 'wasm-unsafe-eval'; connect-src 'self';"));
        // Nothing else differs.
        let rest = with.replace(
            "script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; ",
            "",
        );
        assert_eq!(rest, without);
    }

    #[test]
    fn own_scripts_add_script_src_self_only() {
        let without = content_security_policy(false, false);
        let with = content_security_policy(false, true);
        assert!(with.contains("default-src 'none'; script-src 'self'; style-src"));
        assert_eq!(with.replace("script-src 'self'; ", ""), without);
    }
}
