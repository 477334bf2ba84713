//! The pollutant registry: canonical name, Chinese name, aliases and HJ 212
//! online-monitoring codes. Filings and CSV files may use any of them;
//! findings use the canonical name.
//!
//! HJ 212-2017 codes (and the 2005 codes) are shipped for COD, NH3-N, TP, TN,
//! pH, water temperature and flow, SO2, NOx, particulate matter, O2 and
//! flue-gas flow. Source: two independent vendor code tables that agree
//! (domain-facts.md §8, "ship with a review flag"); HJ 212-2017 Appendix B
//! itself was not opened, so they are provisional until checked.

use std::fmt;

/// One registry entry.
#[derive(Debug, PartialEq, Eq)]
pub struct PollutantInfo {
    /// Canonical name used in findings (`COD`, `NH3-N`).
    pub name: &'static str,
    /// Chinese name (`化学需氧量`).
    pub zh: &'static str,
    /// Other accepted names (case-insensitive).
    pub aliases: &'static [&'static str],
    /// HJ 212-2017 code(s), then HJ/T 212-2005 code(s); provisional.
    pub codes: &'static [&'static str],
    /// True when the value has no unit (pH, colour as a dilution factor).
    pub unitless: bool,
}

/// A pollutant: its position in the registry (so equality, hashing and
/// [`Pollutant::info`] cost an integer, not a name search). Orders by
/// canonical name.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Pollutant(u16);

impl Ord for Pollutant {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.name().cmp(other.name())
    }
}
impl PartialOrd for Pollutant {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Debug for Pollutant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
impl fmt::Display for Pollutant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

macro_rules! p {
    ($name:expr, $zh:expr, [$($a:expr),*], [$($c:expr),*]) => {
        PollutantInfo { name: $name, zh: $zh, aliases: &[$($a),*], codes: &[$($c),*], unitless: false }
    };
    ($name:expr, $zh:expr, [$($a:expr),*], [$($c:expr),*], unitless) => {
        PollutantInfo { name: $name, zh: $zh, aliases: &[$($a),*], codes: &[$($c),*], unitless: true }
    };
}

/// The registry. Order is the canonical order of pollutants in reports.
pub static REGISTRY: &[PollutantInfo] = &[
    p!("pH", "pH值", ["PH"], ["w01001", "001"], unitless),
    p!("colour", "色度", ["color", "chroma"], [], unitless),
    p!("SS", "悬浮物", ["suspended_solids"], []),
    p!("BOD5", "五日生化需氧量", ["BOD"], []),
    p!(
        "COD",
        "化学需氧量",
        ["CODcr", "COD_Cr", "CODCr"],
        ["w01018", "011"]
    ),
    p!("petroleum", "石油类", ["petroleum_oils", "oil"], []),
    p!("animal_vegetable_oils", "动植物油", ["animal_oils"], []),
    p!("volatile_phenols", "挥发酚", ["phenols"], []),
    p!("total_cyanide", "总氰化合物", ["cyanide", "CN"], []),
    p!("sulfide", "硫化物", ["sulphide"], []),
    p!(
        "NH3-N",
        "氨氮",
        ["NH3N", "NH3_N", "ammonia_nitrogen"],
        ["w21003", "060"]
    ),
    p!("fluoride", "氟化物", ["F"], []),
    p!("phosphate", "磷酸盐", ["phosphate_as_P"], []),
    p!("formaldehyde", "甲醛", [], []),
    p!("anilines", "苯胺类", [], []),
    p!("nitrobenzenes", "硝基苯类", [], []),
    p!("LAS", "阴离子表面活性剂", ["anionic_surfactants"], []),
    p!("Cu", "总铜", ["total_copper"], []),
    p!("Zn", "总锌", ["total_zinc"], []),
    p!("Mn", "总锰", ["total_manganese"], []),
    p!("TN", "总氮", ["total_nitrogen"], ["w21001", "065"]),
    p!("TP", "总磷", ["total_phosphorus"], ["w21011", "101"]),
    p!("Hg", "总汞", ["total_mercury"], []),
    p!("alkyl_mercury", "烷基汞", [], []),
    p!("Cd", "总镉", ["total_cadmium"], []),
    p!("Cr", "总铬", ["total_chromium"], []),
    p!("Cr6+", "六价铬", ["hexavalent_chromium", "Cr(VI)"], []),
    p!("As", "总砷", ["total_arsenic"], []),
    p!("Pb", "总铅", ["total_lead"], []),
    p!("Ni", "总镍", ["total_nickel"], []),
    p!("fecal_coliforms", "粪大肠菌群数", ["fecal_coliform"], []),
    p!(
        "temperature",
        "水温",
        ["water_temperature"],
        ["w01010", "010"]
    ),
    p!("flow", "流量", ["water_flow"], ["w00000", "B01"]),
    p!("SO2", "二氧化硫", [], ["a21026", "02"]),
    p!("NOx", "氮氧化物", [], ["a21002", "03"]),
    p!("NO", "一氧化氮", ["nitric_oxide"], []),
    p!(
        "particulate",
        "颗粒物",
        ["PM", "dust", "smoke_dust", "烟尘"],
        ["a34013", "01"]
    ),
    p!("O2", "氧含量", ["oxygen"], ["a19001", "S01"]),
    p!("flue_gas_flow", "烟气流量", [], ["a00000", "B02"]),
    p!("ringelmann", "烟气黑度", ["smoke_blackness"], [], unitless),
    p!("odour", "臭气浓度", ["odor"], [], unitless),
    p!("PFOS", "全氟辛基磺酸", [], []),
];

impl Pollutant {
    /// Looks a pollutant up by canonical name, alias, Chinese name or HJ 212
    /// code (names case-insensitive). `None` if unknown.
    pub fn lookup(text: &str) -> Option<Pollutant> {
        let t = text.trim();
        REGISTRY
            .iter()
            .position(|p| {
                p.name.eq_ignore_ascii_case(t)
                    || p.zh == t
                    || p.aliases
                        .iter()
                        .any(|a| a.eq_ignore_ascii_case(t) || *a == t)
                    || p.codes.contains(&t)
            })
            .and_then(|i| u16::try_from(i).ok())
            .map(Pollutant)
    }
    /// The canonical name.
    pub fn name(self) -> &'static str {
        self.info().name
    }
    /// The registry entry.
    pub fn info(self) -> &'static PollutantInfo {
        REGISTRY.get(usize::from(self.0)).unwrap_or(&REGISTRY[0])
    }
    /// Position in the registry (report order).
    pub fn order(self) -> usize {
        usize::from(self.0)
    }
    /// The closest canonical name to an unknown `text`, for "did you mean".
    pub fn suggest(text: &str) -> Option<&'static str> {
        REGISTRY
            .iter()
            .map(|p| {
                (
                    strsim::jaro_winkler(&p.name.to_lowercase(), &text.to_lowercase()),
                    p.name,
                )
            })
            .filter(|(s, _)| *s > 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, n)| n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_up_any_name() {
        let cod = Pollutant::lookup("COD");
        assert_eq!(cod.map(Pollutant::name), Some("COD"));
        assert_eq!(Pollutant::lookup("CODcr"), cod);
        assert_eq!(Pollutant::lookup("化学需氧量"), cod);
        assert_eq!(Pollutant::lookup("w01018"), cod);
        assert_eq!(
            Pollutant::lookup("NH3N").map(Pollutant::name),
            Some("NH3-N")
        );
        assert_eq!(Pollutant::lookup("NO").map(Pollutant::name), Some("NO"));
        assert_eq!(Pollutant::lookup("CODD"), None);
        assert_eq!(Pollutant::suggest("CODD"), Some("COD"));
    }
}
