//! Rendering of findings and diagnostics: human (miette) and JSON.
