//! A generic, slower view of every FIT data message (global number, name, fields with names,
//! units and scaled values) for `runlift inspect --verbose` and debugging.

use std::fmt;

use super::DecodeError;
use super::base::{self, Kind};
use super::decode::FIT_EPOCH;
use super::names;
use super::walk::{self, Definition, Visitor};
use crate::activity::{Diagnostic, Severity};

/// One field value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// The base type's invalid value.
    Missing,
    Int(i64),
    /// Scaled by the profile (scale, offset).
    Float(f64),
    /// A FIT `date_time`, as UTC seconds since the Unix epoch.
    Time(i64),
    Text(String),
    Bytes(Vec<u8>),
    Array(Vec<Value>),
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Missing => f.write_str("-"),
            Value::Int(v) => write!(f, "{v}"),
            Value::Float(v) => write!(f, "{v}"),
            Value::Time(v) => write!(f, "@{v}"),
            Value::Text(s) => write!(f, "{s:?}"),
            Value::Bytes(b) => {
                for (i, x) in b.iter().enumerate() {
                    write!(f, "{}{x:02x}", if i == 0 { "" } else { " " })?;
                }
                Ok(())
            }
            Value::Array(vs) => {
                f.write_str("[")?;
                for (i, v) in vs.iter().enumerate() {
                    write!(f, "{}{v}", if i == 0 { "" } else { ", " })?;
                }
                f.write_str("]")
            }
        }
    }
}

/// One field of a data message.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub number: u8,
    pub name: Option<&'static str>,
    pub units: &'static str,
    pub value: Value,
}

/// One data message.
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    /// Byte offset of the message header.
    pub offset: u64,
    pub global: u16,
    pub name: Option<&'static str>,
    pub fields: Vec<Field>,
    /// Bytes of developer fields (not interpreted).
    pub developer_bytes: usize,
}

/// Every data message of a file, plus the diagnostics of the walk.
#[derive(Clone, Debug, PartialEq)]
pub struct Messages {
    pub messages: Vec<Message>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Lists every data message of a FIT file (all parts of a chained file). A file that breaks
/// off gives the messages read so far and an Error diagnostic, unless none were read.
pub fn messages(bytes: &[u8]) -> Result<Messages, DecodeError> {
    let mut v = Lister {
        out: Vec::new(),
        last_ts: None,
    };
    let mut diagnostics = Vec::new();
    if let Err((e, summary)) = walk::walk(bytes, &mut v, &mut diagnostics) {
        if summary.data_messages == 0 {
            return Err(e);
        }
        diagnostics.push(Diagnostic {
            severity: Severity::Error,
            offset: Some(e.offset()),
            line: None,
            message: e.to_string(),
        });
    }
    Ok(Messages {
        messages: v.out,
        diagnostics,
    })
}

struct Lister {
    out: Vec<Message>,
    last_ts: Option<u64>,
}

fn scalar(b: &[u8], bt: base::BaseType, be: bool) -> Value {
    let width = usize::from(bt.size);
    let raw = base::read_uint(b, width, be);
    if raw == bt.invalid {
        return Value::Missing;
    }
    match bt.kind {
        Kind::Signed => Value::Int(base::sign_extend(raw, width)),
        Kind::Float => Value::Float(base::to_f64(raw, bt.kind, width, bt.invalid)),
        _ => Value::Int(raw as i64),
    }
}

fn field_value(b: &[u8], base_type: u8, be: bool) -> Value {
    let bt = base::base_type(base_type);
    match bt.kind {
        Kind::String => {
            let end = b.iter().position(|&c| c == 0).unwrap_or(b.len());
            if end == 0 {
                Value::Missing
            } else {
                Value::Text(String::from_utf8_lossy(&b[..end]).into_owned())
            }
        }
        Kind::Bytes => {
            if b.iter().all(|&c| c == 0xFF) {
                Value::Missing
            } else {
                Value::Bytes(b.to_vec())
            }
        }
        _ if b.len() < usize::from(bt.size) || !b.len().is_multiple_of(usize::from(bt.size)) => {
            Value::Bytes(b.to_vec())
        }
        _ if b.len() == usize::from(bt.size) => scalar(b, bt, be),
        _ => Value::Array(
            b.chunks_exact(usize::from(bt.size))
                .map(|c| scalar(c, bt, be))
                .collect(),
        ),
    }
}

fn apply_profile(v: Value, scale: f64, offset: f64, date_time: bool) -> Value {
    match v {
        Value::Int(i) if date_time => Value::Time(i.saturating_add(FIT_EPOCH)),
        Value::Int(i) if scale != 1.0 || offset != 0.0 => Value::Float(i as f64 / scale - offset),
        Value::Float(x) if scale != 1.0 || offset != 0.0 => Value::Float(x / scale - offset),
        Value::Array(vs) => Value::Array(
            vs.into_iter()
                .map(|v| apply_profile(v, scale, offset, date_time))
                .collect(),
        ),
        other => other,
    }
}

impl Visitor for Lister {
    fn file_start(&mut self, _offset: usize) {
        self.last_ts = None;
    }

    fn definition(&mut self, _local: u8, _def: &Definition) {}

    fn data(
        &mut self,
        _local: u8,
        def: &Definition,
        offset: usize,
        content: &[u8],
        time_offset: Option<u8>,
    ) {
        let info = names::message_info(def.global);
        let mut fields = Vec::with_capacity(def.fields.len() + 1);
        let mut pos = 0usize;
        for f in &def.fields {
            let b = &content[pos..pos + usize::from(f.size)];
            pos += usize::from(f.size);
            let fi = names::field_info(info, f.num);
            let mut value = field_value(b, f.base_type, def.big_endian);
            if f.num == 253
                && let Value::Int(t) = value
                && let Ok(t) = u32::try_from(t)
            {
                self.last_ts = Some(u64::from(t));
            }
            if let Some(fi) = fi {
                value = apply_profile(value, fi.scale, fi.offset, fi.date_time);
            } else if f.num == 253 {
                value = apply_profile(value, 1.0, 0.0, true);
            }
            fields.push(Field {
                number: f.num,
                name: fi.map(|fi| fi.name).or(if f.num == 253 {
                    Some("timestamp")
                } else {
                    None
                }),
                units: fi.map_or("", |fi| fi.units),
                value,
            });
        }
        if let (Some(off), Some(last)) = (time_offset, self.last_ts) {
            let off = u64::from(off);
            let low = last & 0x1F;
            let t = (last - low) + off + if off < low { 0x20 } else { 0 };
            self.last_ts = Some(t);
            fields.push(Field {
                number: 253,
                name: Some("timestamp"),
                units: "s",
                value: Value::Time(t as i64 + FIT_EPOCH),
            });
        }
        self.out.push(Message {
            offset: offset as u64 - 1,
            global: def.global,
            name: names::message_name(def.global),
            fields,
            developer_bytes: def.dev_size,
        });
    }
}
