//! The closed word lists of the filing format, shared by the filing loader
//! (which refuses any other word) and the rule checker (which refuses a rule
//! comparing a field with a word outside its list, so a misspelt word cannot
//! make a rule silently match nothing).

/// `park.kind`.
pub const PARK_KINDS: [&str; 3] = ["sector", "comprehensive", "venous"];

/// `enterprises[].status`.
pub const STATUSES: [&str; 3] = ["operating", "applicant", "closed"];

/// `enterprises[].categories`: the groups that must disclose under MEE Order
/// No. 24 (2021), Art. 7 (key discharging units, mandatory cleaner-production
/// audit, listed companies and bond issuers under Art. 8).
pub const CATEGORIES: [&str; 4] = ["key_discharger", "mandatory_audit", "listed", "bond_issuer"];

/// `enterprises[].cleaner_production`: I international leading, II domestic
/// advanced, III domestic general.
pub const CLEANER_PRODUCTION: [&str; 3] = ["I", "II", "III"];

/// `outlets[].medium`.
pub const MEDIA: [&str; 2] = ["water", "air"];

/// `outlets[].type`: main and general outlets.
pub const OUTLET_TYPES: [&str; 2] = ["main", "general"];

/// `outlets[].receiving`.
pub const RECEIVING: [&str; 4] = ["surface_water", "sea", "sewer", "park_plant"];

/// `disclosures[].kind`: annual and interim reports.
pub const DISCLOSURE_KINDS: [&str; 2] = ["annual", "interim"];

/// `events[].kind`.
pub const EVENT_KINDS: [&str; 10] = [
    "permit_granted",
    "permit_changed",
    "permit_revoked",
    "penalty",
    "daily_penalty",
    "production_restricted",
    "detention",
    "criminal",
    "compensation",
    "incident",
];

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
