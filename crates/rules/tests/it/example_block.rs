//! The rulebook §4.4 example week as a 12-week block (being written).
