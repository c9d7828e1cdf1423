//! Name look-ups in the generated profile tables.

use super::profile;

fn find<T: Ord + Copy>(table: &'static [(T, &'static str)], value: T) -> Option<&'static str> {
    table
        .binary_search_by(|(k, _)| k.cmp(&value))
        .ok()
        .map(|i| table[i].1)
}

/// Profile name of a `sport` value (NaN = missing); an unknown value gives its number.
pub(crate) fn sport(v: f64) -> Option<String> {
    enum_name(profile::SPORT, v)
}

/// Profile name of a `sub_sport` value (NaN = missing); an unknown value gives its number.
pub(crate) fn sub_sport(v: f64) -> Option<String> {
    enum_name(profile::SUB_SPORT, v)
}

fn enum_name(table: &'static [(u8, &'static str)], v: f64) -> Option<String> {
    if v.is_nan() {
        return None;
    }
    let n = v as u8;
    Some(find(table, n).map_or_else(|| n.to_string(), str::to_string))
}

/// Profile name of an `exercise_category` value.
pub fn exercise_category(value: u16) -> Option<&'static str> {
    find(profile::EXERCISE_CATEGORY, value)
}

/// Profile name of a global message number.
pub fn message_name(global: u16) -> Option<&'static str> {
    find(profile::MESSAGE_NAMES, global)
}

/// The profile description of a message, when runlift carries its fields.
pub(crate) fn message_info(global: u16) -> Option<&'static profile::MessageInfo> {
    profile::MESSAGES
        .binary_search_by(|m| m.num.cmp(&global))
        .ok()
        .map(|i| &profile::MESSAGES[i])
}

/// The profile description of one field of a message.
pub(crate) fn field_info(
    msg: Option<&'static profile::MessageInfo>,
    num: u8,
) -> Option<&'static profile::FieldInfo> {
    let fields = msg?.fields;
    fields
        .binary_search_by(|f| f.num.cmp(&num))
        .ok()
        .map(|i| &fields[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted_and_names_resolve() {
        assert!(profile::SPORT.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(profile::SUB_SPORT.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(profile::MESSAGE_NAMES.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(profile::MESSAGES.windows(2).all(|w| w[0].num < w[1].num));
        assert_eq!(sport(1.0).as_deref(), Some("running"));
        assert_eq!(sport(f64::NAN), None);
        assert_eq!(sub_sport(58.0).as_deref(), Some("virtual_activity"));
        assert_eq!(message_name(20), Some("record"));
        assert_eq!(exercise_category(0), Some("bench_press"));
        assert_eq!(
            field_info(message_info(20), 78).map(|f| f.name),
            Some("enhanced_altitude")
        );
    }
}
