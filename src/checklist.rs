//! The candidate checklist: placeholder until the checklist module lands.

use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawChecklist {}
