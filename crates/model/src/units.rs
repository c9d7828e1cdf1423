//! Display units: kilometres or miles, kilograms or pounds (profile `units`, `--units`). Storage
//! and every computation stay metric; these only convert what a person reads.

use serde::{Deserialize, Deserializer};

/// Metres in a mile.
pub const METRES_PER_MILE: f64 = 1609.344;
/// Kilograms in a pound.
pub const KG_PER_LB: f64 = 0.453_592_37;

/// How distances, paces and loads are shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Units {
    /// Miles (and minutes per mile) instead of kilometres.
    pub miles: bool,
    /// Pounds instead of kilograms.
    pub pounds: bool,
}

impl Units {
    /// The words `units` accepts, each setting one unit.
    pub const WORDS: [&'static str; 6] = ["km", "mi", "kg", "lb", "metric", "imperial"];

    /// `"mi"`, `"lb"`, `"km"`, `"kg"`, `"metric"`, `"imperial"`, or several joined by commas
    /// (`"mi,lb"`); a later word overrides an earlier one of the same kind.
    pub fn parse(text: &str) -> Result<Units, String> {
        let mut u = Units::default();
        for word in text.split(',').map(str::trim).filter(|w| !w.is_empty()) {
            u.set(word)?;
        }
        Ok(u)
    }

    fn set(&mut self, word: &str) -> Result<(), String> {
        match word.to_ascii_lowercase().as_str() {
            "km" | "kilometres" | "kilometers" => self.miles = false,
            "mi" | "mile" | "miles" => self.miles = true,
            "kg" | "kilograms" => self.pounds = false,
            "lb" | "lbs" | "pounds" => self.pounds = true,
            "metric" => *self = Units::default(),
            "imperial" => {
                *self = Units {
                    miles: true,
                    pounds: true,
                }
            }
            _ => {
                return Err(crate::suggest::unknown_word("unit", word, Units::WORDS));
            }
        }
        Ok(())
    }

    /// The words that give these units back (`[]` for the metric default).
    pub fn words(self) -> Vec<&'static str> {
        let mut w = Vec::new();
        if self.miles {
            w.push("mi");
        }
        if self.pounds {
            w.push("lb");
        }
        w
    }

    /// `km` or `mi`.
    pub fn distance_unit(self) -> &'static str {
        if self.miles { "mi" } else { "km" }
    }

    /// A distance in the display unit, as a number.
    pub fn distance_value(self, metres: f64) -> f64 {
        if self.miles {
            metres / METRES_PER_MILE
        } else {
            metres / 1000.0
        }
    }

    /// `46 km` or `28.6 mi` (whole kilometres; miles to a tenth below 100).
    pub fn distance(self, metres: f64) -> String {
        let v = self.distance_value(metres);
        if self.miles && v < 100.0 {
            format!("{v:.1} mi")
        } else {
            format!("{v:.0} {}", self.distance_unit())
        }
    }

    /// A pace given per kilometre, as `m:ss/km` or `m:ss/mi`.
    pub fn pace(self, s_per_km: f64) -> String {
        let s = if self.miles {
            s_per_km * METRES_PER_MILE / 1000.0
        } else {
            s_per_km
        };
        let s = s.round() as i64;
        format!("{}:{:02}/{}", s / 60, s % 60, self.distance_unit())
    }

    /// `76.5 kg` or `169 lb` (pounds to the nearest pound, kilograms as given to 0.1).
    pub fn weight(self, kg: f64) -> String {
        if self.pounds {
            format!("{:.0} lb", kg / KG_PER_LB)
        } else {
            let r = (kg * 10.0).round() / 10.0;
            if r.fract() == 0.0 {
                format!("{r:.0} kg")
            } else {
                format!("{r:.1} kg")
            }
        }
    }
}

/// `units = "mi"`, `units = "mi,lb"` or `units = ["mi", "lb"]` in a profile.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Units, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        One(String),
        Many(Vec<String>),
    }
    let text = match Raw::deserialize(d)? {
        Raw::One(s) => s,
        Raw::Many(v) => v.join(","),
    };
    Units::parse(&text).map_err(serde::de::Error::custom)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_conversions() {
        let imperial = Units::parse("mi, lb").unwrap();
        assert_eq!(imperial, Units::parse("imperial").unwrap());
        assert_eq!(imperial.words(), ["mi", "lb"]);
        assert_eq!(Units::parse("").unwrap(), Units::default());
        assert_eq!(imperial.distance(42_195.0), "26.2 mi");
        assert_eq!(Units::default().distance(46_400.0), "46 km");
        assert_eq!(imperial.pace(300.0), "8:03/mi");
        assert_eq!(Units::default().pace(323.0), "5:23/km");
        assert_eq!(imperial.weight(100.0), "220 lb");
        assert_eq!(Units::default().weight(76.5), "76.5 kg");
        assert_eq!(Units::default().weight(80.0), "80 kg");
        let e = Units::parse("miles,lbz").unwrap_err();
        assert!(e.contains("did you mean \"lb\""), "{e}");
    }
}
