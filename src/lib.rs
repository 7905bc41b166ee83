//! faqpress: a static site generator for Q&A articles.

pub mod checklist;
pub mod config;
pub mod date;
pub mod diagnostics;
pub mod frontmatter;
pub mod html;
pub mod links;
pub mod markdown;
pub mod page;
pub mod pricing;
pub mod source;
pub mod url;
pub mod yaml;
