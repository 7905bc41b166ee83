//! Where the deploy kits install faqpress from. faqpress is not on
//! crates.io, so the kits build it from its git repository, pinned to the
//! commit (or tag) that wrote the site: `init` flags name it, or else the
//! values `build.rs` recorded when this binary was compiled.

/// A git repository and the revision of it the kits build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub git: String,
    pub pin: Pin,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pin {
    /// A commit (`cargo install --rev`).
    Rev(String),
    /// A tag (`cargo install --tag`).
    Tag(String),
}

impl Pin {
    /// The `cargo install` flag that selects this revision.
    pub fn flag(&self) -> &'static str {
        match self {
            Pin::Rev(_) => "--rev",
            Pin::Tag(_) => "--tag",
        }
    }

    pub fn value(&self) -> &str {
        match self {
            Pin::Rev(v) | Pin::Tag(v) => v,
        }
    }
}

/// The source recorded when this binary was compiled from a git checkout
/// with a remote (see `build.rs`); `None` for any other build.
pub fn built_in() -> Option<Source> {
    recorded(
        option_env!("FAQPRESS_BUILD_GIT"),
        option_env!("FAQPRESS_BUILD_REV"),
    )
}

fn recorded(git: Option<&str>, rev: Option<&str>) -> Option<Source> {
    Some(Source {
        git: parse_git(git?).ok()?,
        pin: Pin::Rev(parse_rev(rev?).ok()?),
    })
}

/// The source the kits name: both parts from the flags, the flag's
/// repository at the built-in commit, or the built-in source alone.
/// `Ok(None)` when nothing is known; `Err` for flags that cannot work.
pub fn resolve(
    git: Option<String>,
    pin: Option<Pin>,
    built_in: Option<Source>,
) -> Result<Option<Source>, String> {
    match (git, pin, built_in) {
        (Some(git), Some(pin), _) => Ok(Some(Source { git, pin })),
        (Some(git), None, Some(built_in)) => Ok(Some(Source {
            git,
            pin: built_in.pin,
        })),
        (Some(_), None, None) => Err("`--faqpress-git` needs `--faqpress-rev COMMIT` or \
             `--faqpress-tag TAG` too: this faqpress does not know its own commit"
            .to_string()),
        (None, Some(_), _) => {
            Err("`--faqpress-rev` and `--faqpress-tag` need `--faqpress-git URL` too".to_string())
        }
        (None, None, built_in) => Ok(built_in),
    }
}

/// Characters that need no quoting in a shell word, a YAML or TOML string
/// or a GitHub cache key, so a value can go into the kits as it is.
fn is_plain(text: &str, extra: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-._/+".contains(c) || extra.contains(c))
}

/// Checks a `--faqpress-git` value: a URL cargo can clone.
pub fn parse_git(text: &str) -> Result<String, String> {
    let scheme = text.split_once("://").map(|(s, _)| s);
    let known = matches!(scheme, Some("https" | "http" | "ssh" | "git" | "file"));
    if known && is_plain(text, ":@%~=") && !text.ends_with("://") {
        Ok(text.to_string())
    } else {
        Err(
            "use the repository's URL, such as https://github.com/owner/faqpress \
             (https://, http://, ssh://, git:// or file://, without spaces or quotes)"
                .to_string(),
        )
    }
}

/// Checks a `--faqpress-rev` or `--faqpress-tag` value.
pub fn parse_rev(text: &str) -> Result<String, String> {
    if is_plain(text, "") && !text.starts_with(['-', '/']) && text.len() <= 100 {
        Ok(text.to_string())
    } else {
        Err("use a commit id such as 3f2a9c1 or a tag such as v0.2.0 \
             (letters, digits and - . _ / + only)"
            .to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "https://github.com/owner/faqpress";
    const REV: &str = "0123456789abcdef0123456789abcdef01234567";

    fn source(git: &str, pin: Pin) -> Source {
        Source {
            git: git.to_string(),
            pin,
        }
    }

    #[test]
    fn flags_win_over_the_built_in_source() {
        let built_in = source(URL, Pin::Rev(REV.into()));
        let flags = source("file:///srv/faqpress", Pin::Tag("v1.0".into()));
        let resolved = resolve(
            Some(flags.git.clone()),
            Some(flags.pin.clone()),
            Some(built_in.clone()),
        );
        assert_eq!(resolved, Ok(Some(flags)));
        // A mirror of the same repository: the built-in commit is kept.
        let mirror = resolve(
            Some("https://example.com/faqpress".into()),
            None,
            Some(built_in),
        );
        assert_eq!(
            mirror,
            Ok(Some(source(
                "https://example.com/faqpress",
                Pin::Rev(REV.into())
            )))
        );
    }

    #[test]
    fn without_flags_the_built_in_source_or_nothing() {
        let built_in = source(URL, Pin::Rev(REV.into()));
        assert_eq!(
            resolve(None, None, Some(built_in.clone())),
            Ok(Some(built_in))
        );
        assert_eq!(resolve(None, None, None), Ok(None));
    }

    #[test]
    fn a_half_named_source_is_a_usage_error() {
        let err = resolve(Some(URL.into()), None, None).unwrap_err();
        assert!(err.contains("--faqpress-rev"), "{err}");
        let err = resolve(None, Some(Pin::Rev(REV.into())), None).unwrap_err();
        assert!(err.contains("--faqpress-git"), "{err}");
    }

    #[test]
    fn urls_and_revisions_that_could_break_the_kits_are_refused() {
        for good in [URL, "file:///tmp/x/faqpress", "ssh://git@host:22/o/r.git"] {
            assert_eq!(parse_git(good).as_deref(), Ok(good));
        }
        for bad in [
            "",
            "github.com/owner/faqpress",
            "git@github.com:owner/faqpress.git",
            "https://",
            "https://example.com/a b",
            "https://example.com/\"x",
            "https://example.com/$(reboot)",
            "ftp://example.com/r",
        ] {
            assert!(parse_git(bad).is_err(), "{bad}");
        }
        for good in [REV, "3f2a9c1", "v0.2.0", "release/1.0"] {
            assert_eq!(parse_rev(good).as_deref(), Ok(good));
        }
        for bad in ["", "--help", "a b", "v1,2", "x'y", "${{ x }}"] {
            assert!(parse_rev(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_recorded_source_is_used_only_when_complete_and_valid() {
        assert_eq!(
            recorded(Some(URL), Some(REV)),
            Some(source(URL, Pin::Rev(REV.into())))
        );
        assert_eq!(recorded(Some(URL), None), None);
        assert_eq!(recorded(None, Some(REV)), None);
        assert_eq!(recorded(Some("/home/me/faqpress"), Some(REV)), None);
    }
}
