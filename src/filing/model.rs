//! The typed filing model (eipcheck/filing/v1), produced by the loader. Every
//! value a finding may point at is [`Spanned`]. Maps keyed by pollutant keep
//! the filing's order.

use crate::values::{Measurement, Pollutant, Quantity, Span, Spanned};
use jiff::civil::Date;

/// A loaded filing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filing {
    /// The path as given on the command line.
    pub path: String,
    /// The file's id in [`crate::values::Sources`].
    pub file: crate::values::FileId,
    /// Hex SHA-256 of the file's bytes.
    pub sha256: String,
    /// The park.
    pub park: Park,
    /// The enterprises, in filing order.
    pub enterprises: Vec<Enterprise>,
}

/// One year of park statistics: the year and name -> quantity pairs.
pub type YearStats = (Spanned<i16>, Vec<(Spanned<String>, Spanned<Quantity>)>);

/// Park kind per HJ 274 / HJ/T 273-275.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParkKind {
    /// Sector (行业类).
    Sector,
    /// Comprehensive (综合类).
    Comprehensive,
    /// Venous industry (静脉产业类).
    Venous,
}

/// The park section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Park {
    /// Park id (text).
    pub id: Spanned<String>,
    /// Park name.
    pub name: Spanned<String>,
    /// Kind, if given.
    pub kind: Option<Spanned<ParkKind>>,
    /// Administrative division code (text, six digits).
    pub region: Option<Spanned<String>>,
    /// The reporting year; `None` when `park.period` is absent or invalid
    /// (its error recorded).
    pub period: Option<Spanned<i16>>,
    /// IANA timezone name; default `Asia/Shanghai`.
    pub timezone: Spanned<String>,
    /// Total-quantity control targets, per pollutant (a rate, e.g. `850 t/a`).
    pub caps: Vec<(Spanned<Pollutant>, Spanned<Quantity>)>,
    /// Park statistics per year: name -> quantity (kept for indicator rules).
    pub stats: Vec<YearStats>,
    /// Span of the whole `park:` mapping.
    pub span: Span,
}

/// Operating status of an enterprise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Operating.
    Operating,
    /// Applying to enter the park.
    Applicant,
    /// Closed.
    Closed,
}

/// Cleaner-production level of a project (清洁生产水平), as the
/// cleaner-production evaluation indicator systems grade it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CleanerProduction {
    /// Level I: international leading (国际清洁生产领先水平).
    I,
    /// Level II: domestic advanced (国内清洁生产先进水平).
    II,
    /// Level III: domestic general (国内清洁生产一般水平).
    III,
}

impl CleanerProduction {
    /// The filing's spelling (`I`, `II`, `III`), which rules compare with.
    pub fn name(self) -> &'static str {
        match self {
            CleanerProduction::I => "I",
            CleanerProduction::II => "II",
            CleanerProduction::III => "III",
        }
    }
}

/// The project as applied for (an applicant's `planned:`): what an
/// environmental entry standard judges. Amounts are per calendar year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    /// Annual product output (`50000 t/a`; any amount per year), above zero.
    pub output: Option<Spanned<Quantity>>,
    /// Planned industrial value added per year (`3.2 10^8 CNY/a`), above zero.
    pub value_added: Option<Spanned<Quantity>>,
    /// Planned annual discharges by pollutant (`12 t/a`), in filing order.
    pub discharges: Vec<(Spanned<Pollutant>, Spanned<Quantity>)>,
    /// Span of the `planned:` mapping.
    pub span: Span,
}

/// One enterprise (unit) in the park.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enterprise {
    /// Position in the filing's list (kept when an earlier item was dropped after an error).
    pub index: usize,
    /// Unified social credit code, checked per GB 32100-2015.
    pub id: Spanned<String>,
    /// Name.
    pub name: Spanned<String>,
    /// GB/T 4754 industry code (text, e.g. `C2614`).
    pub industry: Option<Spanned<String>>,
    /// Status.
    pub status: Spanned<Status>,
    /// Cleaner-production level of the enterprise's project, if stated.
    pub cleaner_production: Option<Spanned<CleanerProduction>>,
    /// The project as applied for: applicants only (refused on any other status).
    pub planned: Option<Planned>,
    /// Disclosure categories (`key_discharger`, `mandatory_audit`, `listed`, `bond_issuer`).
    pub categories: Vec<Spanned<String>>,
    /// The discharge permit, if any.
    pub permit: Option<Permit>,
    /// Outlets.
    pub outlets: Vec<Outlet>,
    /// Monthly discharges to the environment.
    pub discharges: Vec<MonthRow>,
    /// Monthly amounts sent to the park's treatment plant (not counted in caps).
    pub to_plant: Vec<MonthRow>,
    /// Environmental information disclosures (MEE Order No. 24), in filing order.
    pub disclosures: Vec<Disclosure>,
    /// Events that trigger disclosure duties (permits, penalties, incidents),
    /// in filing order; ids are unique within the enterprise.
    pub events: Vec<Event>,
    /// Span of the enterprise mapping.
    pub span: Span,
}

/// A discharge permit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Permit {
    /// Permit number.
    pub number: Spanned<String>,
    /// First day valid.
    pub valid_from: Option<Spanned<Date>>,
    /// Last day valid.
    pub valid_until: Option<Spanned<Date>>,
    /// Permitted annual discharge per pollutant.
    pub annual_limits: Vec<(Spanned<Pollutant>, AnnualLimit)>,
    /// Span of the `permit:` mapping.
    pub span: Span,
}

/// A permitted annual discharge: one rate for every year, or per calendar year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnnualLimit {
    /// The same limit every year (`35 t/a`).
    Every(Spanned<Quantity>),
    /// Per calendar year (`{2023: "35 t/a", 2024: "33 t/a"}`).
    PerYear(Vec<(Spanned<i16>, Spanned<Quantity>)>),
}

/// Medium of an outlet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Medium {
    /// Wastewater.
    Water,
    /// Waste gas.
    Air,
}

/// Outlet type in the discharge permit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutletType {
    /// Main outlet (主要排放口).
    Main,
    /// General outlet (一般排放口).
    General,
}

/// An outlet (discharge point).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outlet {
    /// Position in the filing's list (kept when an earlier item was dropped after an error).
    pub index: usize,
    /// Outlet code (text: `DW001`, `0017`).
    pub id: Spanned<String>,
    /// Water or air.
    pub medium: Spanned<Medium>,
    /// Main or general outlet.
    pub outlet_type: Option<Spanned<OutletType>>,
    /// EIA approval date.
    pub eia_approved: Option<Spanned<Date>>,
    /// Standard named in the permit (`GB 8978-1996`).
    pub standard: Option<Spanned<String>>,
    /// Discharge class under that standard (`I`, `II`, `1A`...).
    pub class: Option<Spanned<String>>,
    /// Permitted limits per pollutant; their keys are the pollutants the
    /// outlet must report.
    pub limits: Vec<(Spanned<Pollutant>, PermitLimit)>,
    /// Receiving water or facility (`surface_water`, `sea`, `sewer`, `park_plant`).
    pub receiving: Option<Spanned<String>>,
    /// Whether the outlet has online (automatic) monitoring equipment
    /// (`online_monitoring: true`; only `true`/`false` are accepted).
    pub online_monitoring: Option<Spanned<bool>>,
    /// Manual samples.
    pub samples: Vec<Sample>,
    /// The online-monitoring series (`monitoring:`), if given.
    pub monitoring: Option<Monitoring>,
    /// Span of the outlet mapping.
    pub span: Span,
}

/// The character encoding of a monitoring CSV file (`encoding:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// UTF-8 (the default; a leading byte-order mark is skipped).
    #[default]
    Utf8,
    /// GB18030, which also reads GBK and GB2312 files (what Chinese Excel
    /// saves as "CSV"): decoded before the file is split into fields.
    Gb18030,
}

/// An outlet's online-monitoring series (`monitoring: DW001-2025.csv`, or
/// `{file, interval, encoding, delimiter, range_max}`): a CSV file read
/// row by row when the filing is checked (`crate::series`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Monitoring {
    /// The path as written in the filing, relative to the filing's folder.
    pub file: Spanned<String>,
    /// The path to open: `file` resolved against the filing's folder
    /// (lexically: `.` and `..` removed; it never leaves that folder).
    pub path: std::path::PathBuf,
    /// What one reading stands for (`interval:`; default 1 h).
    pub interval: crate::series::Interval,
    /// The file's encoding (`encoding:`; default UTF-8).
    pub encoding: Encoding,
    /// The field separator (`delimiter:`; default `,`): one of `,` `;` `|`
    /// or a tab.
    pub delimiter: u8,
    /// Upper limits of the instruments' measuring ranges per pollutant
    /// (`range_max: {COD: "1000 mg/L"}`): an over-range (`T`) reading counts
    /// as at least this value.
    pub range_max: Vec<(Spanned<Pollutant>, Spanned<Quantity>)>,
    /// Span of the whole `monitoring:` value.
    pub span: Span,
}

/// A permitted limit as real permits state it. A plain string fills
/// `concentration`; a map fills the named parts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PermitLimit {
    /// Concentration limit (`100 mg/L`, `150 mg/Nm3`).
    pub concentration: Option<Spanned<Quantity>>,
    /// Hourly-mean concentration limit.
    pub hourly: Option<Spanned<Quantity>>,
    /// Daily-mean concentration limit.
    pub daily: Option<Spanned<Quantity>>,
    /// Emission-rate limit (`0.9 kg/h`).
    pub rate: Option<Spanned<Quantity>>,
    /// Committed stricter concentration (承诺更加严格排放浓度限值); applies when given.
    pub committed: Option<Spanned<Quantity>>,
    /// A grade limit (`level 1` Ringelmann) as its number.
    pub grade: Option<Spanned<rust_decimal::Decimal>>,
    /// A range limit (`6..9` for pH): (low, high).
    pub range: Option<Spanned<(Quantity, Quantity)>>,
    /// Span of the whole limit value.
    pub span: Span,
}

/// A manual sample at an outlet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sample {
    /// Position in the filing's list (kept when an earlier item was dropped after an error).
    pub index: usize,
    /// Sampling date (the local calendar date).
    pub date: Spanned<Date>,
    /// Measured values in filing order.
    pub values: Vec<(Spanned<Pollutant>, Spanned<Measurement>)>,
    /// Span of the sample mapping.
    pub span: Span,
}

/// A calendar month `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    /// Year.
    pub year: i16,
    /// Month 1..=12.
    pub month: i8,
}

impl std::fmt::Display for YearMonth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// One month's amounts (`{month: 2025-01, COD: "2.9 t"}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthRow {
    /// Position in the filing's list (kept when an earlier item was dropped after an error).
    pub index: usize,
    /// The month.
    pub month: Spanned<YearMonth>,
    /// Amounts (mass over the month) per pollutant.
    pub values: Vec<(Spanned<Pollutant>, Spanned<Quantity>)>,
    /// Pollutants whose amount was written but refused as an input error:
    /// they are reported, so the month counts as missing for them (never as
    /// a pollutant the enterprise does not discharge).
    pub refused: Vec<Spanned<Pollutant>>,
    /// Span of the row.
    pub span: Span,
}

/// Kind of an information disclosure (MEE Order No. 24).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DisclosureKind {
    /// Annual report (年度报告), covering one calendar year.
    Annual,
    /// Interim report (临时报告), disclosing one event.
    Interim,
}

/// One information disclosure
/// (`{kind: annual, covers: 2024, published: 2025-03-10, sections: [basic]}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disclosure {
    /// Position in the filing's list (kept when an earlier item was dropped after an error).
    pub index: usize,
    /// Annual or interim.
    pub kind: Spanned<DisclosureKind>,
    /// Annual: the year covered (published in a later year, usually the next).
    pub covers: Option<Spanned<i16>>,
    /// Interim: the id of the enterprise's event it discloses.
    pub event: Option<Spanned<String>>,
    /// Publication date (a date, never a date-time).
    pub published: Spanned<Date>,
    /// Sections disclosed, from the closed list of Order No. 24 (`basic`,
    /// `management`, `pollutants`, `carbon`, `emergency`, `violations`,
    /// `interim`, `other`, `audit`, `financing`).
    pub sections: Vec<Spanned<String>>,
    /// Span of the disclosure mapping.
    pub span: Span,
}

/// Kind of an event that triggers a disclosure duty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    /// Discharge permit granted.
    PermitGranted,
    /// Discharge permit changed.
    PermitChanged,
    /// Discharge permit revoked.
    PermitRevoked,
    /// Administrative penalty (may state an amount).
    Penalty,
    /// Continuous daily penalty (按日连续处罚).
    DailyPenalty,
    /// Production restricted or suspended for rectification (限制生产、停产整治).
    ProductionRestricted,
    /// Administrative detention (行政拘留).
    Detention,
    /// Criminal liability (刑事责任).
    Criminal,
    /// Ecological damage compensation (生态环境损害赔偿).
    Compensation,
    /// Environmental incident (突发环境事件).
    Incident,
}

/// One event (`{id: EV-1, kind: penalty, amount: "120000 CNY", received: 2025-06-03}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Position in the filing's list (kept when an earlier item was dropped after an error).
    pub index: usize,
    /// Event id (text), unique within the enterprise.
    pub id: Spanned<String>,
    /// Kind.
    pub kind: Spanned<EventKind>,
    /// Date the decision or notice was received.
    pub received: Spanned<Date>,
    /// Penalty only: the amount of money (`120000 CNY`, `12 10^4 CNY`), not negative.
    pub amount: Option<Spanned<Quantity>>,
    /// Span of the event mapping.
    pub span: Span,
}
