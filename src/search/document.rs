//! The document an article is indexed as: its title, introduction and
//! questions, each question an `<h2 id>` that Pagefind makes a sub-result
//! of, so a search lands on the question's anchor.

use super::Document;
use crate::html::push_escaped;

/// An article's parts, borrowed from its page view.
pub struct Entry<'a> {
    /// Its site path: `skin/`, or `` for the home page.
    pub path: &'a str,
    pub language: &'a str,
    pub title: &'a str,
    /// The introduction's HTML, as the page shows it.
    pub intro_html: &'a str,
    pub sections: Vec<Section<'a>>,
    pub tags: &'a [String],
}

/// A question (or another section) and its plain text.
pub struct Section<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub text: &'a str,
}

impl Entry<'_> {
    pub fn document(&self) -> Document {
        let mut html = String::with_capacity(self.intro_html.len() + 256);
        html.push_str("<html lang=\"");
        push_escaped(&mut html, self.language);
        html.push_str("\"><head>");
        for tag in self.tags {
            html.push_str("<meta data-pagefind-filter=\"tag[content]\" content=\"");
            push_escaped(&mut html, tag);
            html.push_str("\">");
        }
        html.push_str("</head><body><h1>");
        push_escaped(&mut html, self.title);
        html.push_str("</h1>");
        html.push_str(self.intro_html);
        for section in &self.sections {
            html.push_str("<h2 id=\"");
            push_escaped(&mut html, section.id);
            html.push_str("\">");
            push_escaped(&mut html, section.title);
            html.push_str("</h2><p>");
            push_escaped(&mut html, section.text);
            html.push_str("</p>");
        }
        html.push_str("</body></html>");
        Document {
            path: self.path.to_string(),
            html,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_become_headings_with_their_ids_and_text_is_escaped() {
        let tags = vec!["Skin & care".to_string()];
        let entry = Entry {
            path: "skin/",
            language: "en",
            title: "A <b> title",
            intro_html: "<p>Intro.</p>",
            sections: vec![Section {
                id: "who-is-it-for",
                title: "Who is it for?",
                text: "Adults < 65.",
            }],
            tags: &tags,
        };
        let document = entry.document();
        assert_eq!(document.path, "skin/");
        assert_eq!(
            document.html,
            "<html lang=\"en\"><head><meta data-pagefind-filter=\"tag[content]\" content=\"Skin &amp; care\"></head>\
             <body><h1>A &lt;b&gt; title</h1><p>Intro.</p><h2 id=\"who-is-it-for\">Who is it for?</h2>\
             <p>Adults &lt; 65.</p></body></html>"
        );
    }
}
