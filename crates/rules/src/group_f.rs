//! Rules of this group (being written).

use crate::ctx::Ctx;
use crate::finding::Out;

pub fn check(_ctx: &Ctx, _out: &mut Out) {}
