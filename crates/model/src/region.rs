//! Muscle regions (rulebook §1.1) as a bit set, and equipment words (formats.md) as a bit set.

use std::fmt;

/// One muscle region.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Region {
    Lpc,
    Quad,
    Calf,
    Hip,
    Core,
    Upper,
}

impl Region {
    pub const ALL: [Region; 6] = [
        Region::Lpc,
        Region::Quad,
        Region::Calf,
        Region::Hip,
        Region::Core,
        Region::Upper,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Region::Lpc => "LPC",
            Region::Quad => "QUAD",
            Region::Calf => "CALF",
            Region::Hip => "HIP",
            Region::Core => "CORE",
            Region::Upper => "UPPER",
        }
    }

    pub fn from_code(s: &str) -> Option<Region> {
        Region::ALL.into_iter().find(|r| r.code() == s)
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A set of regions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Regions(pub u8);

impl Regions {
    pub const NONE: Regions = Regions(0);
    /// The lower-body regions {LPC, QUAD, CALF, HIP}.
    pub const LOWER: Regions = Regions(0b1111);
    pub const ALL_LOWER_CORE: Regions = Regions(0b1_1111);

    pub const fn of(r: Region) -> Regions {
        Regions(1 << r as u8)
    }
    pub fn from_slice(rs: &[Region]) -> Regions {
        rs.iter().fold(Regions::NONE, |acc, r| acc.with(*r))
    }
    pub const fn with(self, r: Region) -> Regions {
        Regions(self.0 | (1 << r as u8))
    }
    pub const fn union(self, o: Regions) -> Regions {
        Regions(self.0 | o.0)
    }
    pub const fn contains(self, r: Region) -> bool {
        self.0 & (1 << r as u8) != 0
    }
    pub const fn intersects(self, o: Regions) -> bool {
        self.0 & o.0 != 0
    }
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }
    /// Does the set load at least one lower-body region?
    pub const fn has_lower(self) -> bool {
        self.intersects(Regions::LOWER)
    }
    pub fn iter(self) -> impl Iterator<Item = Region> {
        Region::ALL.into_iter().filter(move |r| self.contains(*r))
    }
}

impl fmt::Display for Regions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for r in self.iter() {
            if !first {
                f.write_str(", ")?;
            }
            first = false;
            f.write_str(r.code())?;
        }
        Ok(())
    }
}

/// An equipment word of formats.md.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Equipment {
    None,
    Wall,
    Band,
    MiniBand,
    Dumbbells,
    Kettlebell,
    Barbell,
    Rack,
    Bench,
    Box,
    LegPress,
    CalfMachine,
    Cable,
    PullUpBar,
    MiniHurdles,
    Landmine,
    Track,
}

impl Equipment {
    pub const ALL: [Equipment; 17] = [
        Equipment::None,
        Equipment::Wall,
        Equipment::Band,
        Equipment::MiniBand,
        Equipment::Dumbbells,
        Equipment::Kettlebell,
        Equipment::Barbell,
        Equipment::Rack,
        Equipment::Bench,
        Equipment::Box,
        Equipment::LegPress,
        Equipment::CalfMachine,
        Equipment::Cable,
        Equipment::PullUpBar,
        Equipment::MiniHurdles,
        Equipment::Landmine,
        Equipment::Track,
    ];

    pub fn word(self) -> &'static str {
        match self {
            Equipment::None => "none",
            Equipment::Wall => "wall",
            Equipment::Band => "band",
            Equipment::MiniBand => "mini-band",
            Equipment::Dumbbells => "dumbbells",
            Equipment::Kettlebell => "kettlebell",
            Equipment::Barbell => "barbell",
            Equipment::Rack => "rack",
            Equipment::Bench => "bench",
            Equipment::Box => "box",
            Equipment::LegPress => "leg-press",
            Equipment::CalfMachine => "calf-machine",
            Equipment::Cable => "cable",
            Equipment::PullUpBar => "pull-up-bar",
            Equipment::MiniHurdles => "mini-hurdles",
            Equipment::Landmine => "landmine",
            Equipment::Track => "track",
        }
    }

    pub fn from_word(s: &str) -> Option<Equipment> {
        Equipment::ALL.into_iter().find(|e| e.word() == s)
    }

    pub fn words() -> impl Iterator<Item = &'static str> + Clone {
        Equipment::ALL.into_iter().map(Equipment::word)
    }
}

/// A set of equipment words.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct EquipmentSet(pub u32);

impl EquipmentSet {
    /// What every athlete has (formats.md: body weight, a wall, an anchor, open ground).
    pub const ALWAYS: EquipmentSet = EquipmentSet(
        (1 << Equipment::None as u32)
            | (1 << Equipment::Wall as u32)
            | (1 << Equipment::Track as u32),
    );

    pub const fn with(self, e: Equipment) -> EquipmentSet {
        EquipmentSet(self.0 | (1 << e as u32))
    }
    pub const fn contains(self, e: Equipment) -> bool {
        self.0 & (1 << e as u32) != 0
    }
    /// True when every item of `need` is in `self`.
    pub const fn contains_all(self, need: EquipmentSet) -> bool {
        self.0 & need.0 == need.0
    }
    pub fn from_slice(es: &[Equipment]) -> EquipmentSet {
        es.iter().fold(EquipmentSet::ALWAYS, |acc, e| acc.with(*e))
    }
}

impl<'de> serde::Deserialize<'de> for Region {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::serde_util::word(
            d,
            "region",
            Region::from_code,
            Region::ALL.into_iter().map(Region::code),
        )
    }
}
