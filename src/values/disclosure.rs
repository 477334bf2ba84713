//! Names from the disclosure format shared by filings and rule files.

/// Sections of an annual disclosure report: the eight content blocks of MEE
/// Order No. 24 (2021), Art. 12 (basic information; environmental
/// management; pollutant generation, treatment and discharge; carbon
/// emissions; emergency response; environmental violations; interim
/// disclosures of the year; other), `audit` for enterprises under mandatory
/// cleaner-production audit (Art. 14) and `financing` for listed and
/// bond-issuing enterprises (Art. 15).
pub const SECTIONS: [&str; 10] = [
    "basic",
    "management",
    "pollutants",
    "carbon",
    "emergency",
    "violations",
    "interim",
    "other",
    "audit",
    "financing",
];
