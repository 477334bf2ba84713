//! Filing loader: YAML or JSON (eipcheck/filing/v1) into the typed model,
//! spans kept, every error of the file collected.

pub mod model;

pub use model::Filing;
