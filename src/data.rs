//! Word lists and thresholds from `rules/*.yaml`, embedded in the binary.

use std::sync::LazyLock;

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Units {
    pub percent: Vec<String>,
    pub money: Vec<String>,
    pub count: Vec<String>,
    pub time: Vec<String>,
    pub measure: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitKind {
    Percent,
    Money,
    Count,
    Time,
    Measure,
}

impl Units {
    pub fn kind(&self, unit: &str) -> Option<UnitKind> {
        let lists = [
            (&self.percent, UnitKind::Percent),
            (&self.money, UnitKind::Money),
            (&self.count, UnitKind::Count),
            (&self.time, UnitKind::Time),
            (&self.measure, UnitKind::Measure),
        ];
        lists
            .into_iter()
            .find(|(l, _)| l.iter().any(|u| u == unit))
            .map(|(_, k)| k)
    }

    pub fn all(&self) -> impl Iterator<Item = &str> {
        self.percent
            .iter()
            .chain(&self.money)
            .chain(&self.count)
            .chain(&self.time)
            .chain(&self.measure)
            .map(String::as_str)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Values {
    pub bounded_rate_suffixes: Vec<String>,
    pub unbounded_rates: Vec<String>,
    pub satisfaction_words: Vec<String>,
    pub satisfaction_max: f64,
    pub qualitative_words: Vec<String>,
}

/// All rule data in force.
#[derive(Debug, Clone)]
pub struct RuleData {
    pub units: Units,
    pub values: Values,
}

const UNITS_YAML: &str = include_str!("../rules/units.yaml");
const VALUES_YAML: &str = include_str!("../rules/values.yaml");

impl RuleData {
    /// The embedded defaults. They are tested to parse, so this cannot fail at run time.
    pub fn embedded() -> &'static RuleData {
        static DATA: LazyLock<RuleData> = LazyLock::new(|| RuleData {
            units: serde_saphyr::from_str(UNITS_YAML).expect("rules/units.yaml is valid"),
            values: serde_saphyr::from_str(VALUES_YAML).expect("rules/values.yaml is valid"),
        });
        &DATA
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_data_parses() {
        let d = RuleData::embedded();
        assert_eq!(d.units.kind("%"), Some(UnitKind::Percent));
        assert_eq!(d.units.kind("万元"), Some(UnitKind::Money));
        assert_eq!(d.units.kind("个工作日"), Some(UnitKind::Time));
        assert_eq!(d.values.satisfaction_max, 99.0);
    }
}
