//! The settings by dotted key (`business_hours.start`, `thresholds.due_soon_hours`),
//! as a person lists and changes them from the command line: every leaf, one
//! changed from the text typed, and the keys a mistyped one was meant as.

use chrono::NaiveTime;
use serde_json::Value;

use super::{Settings, SettingsError};

impl Settings {
    /// Every setting as (dotted key, value), sorted by key.
    pub fn leaves(&self) -> Vec<(String, Value)> {
        fn walk(prefix: &str, v: &Value, out: &mut Vec<(String, Value)>) {
            match v {
                Value::Object(map) => {
                    for (k, v) in map {
                        let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                        walk(&key, v, out);
                    }
                }
                _ => out.push((prefix.to_string(), v.clone())),
            }
        }
        let mut out = Vec::new();
        walk("", &serde_json::to_value(self).unwrap_or(Value::Null), &mut out);
        out
    }

    /// A copy with one setting changed, from the text a person types:
    /// `business_hours.start 08:30`, `business_hours.days mon,tue,wed`,
    /// `time_zone system`, `thresholds.due_soon_hours 24`. Checked whole.
    pub fn with(&self, key: &str, raw: &str) -> Result<Settings, SettingsError> {
        let raw = raw.trim();
        let mut root = serde_json::to_value(self).map_err(|e| SettingsError::BadValue { key: key.into(), message: e.to_string() })?;
        if key == "holidays" {
            return Err(SettingsError::HolidaysByCommand);
        }
        let unknown = || SettingsError::UnknownKey { key: key.to_string(), known: self.keys_like(key) };
        let mut slot = &mut root;
        for part in key.split('.') {
            slot = slot.as_object_mut().and_then(|m| m.get_mut(part)).ok_or_else(unknown)?;
        }
        if slot.is_object() {
            return Err(unknown());
        }
        let time_key = matches!(
            key,
            "business_hours.start"
                | "business_hours.end"
                | "reminders.digest_time"
                | "reminders.quiet_hours.from"
                | "reminders.quiet_hours.until"
        );
        if time_key && ["%H:%M", "%H:%M:%S"].iter().all(|f| NaiveTime::parse_from_str(raw, f).is_err()) {
            return Err(SettingsError::BadTime { key: key.into(), value: raw.into() });
        }
        *slot = match (&*slot, key) {
            (_, "time_zone" | "language") if raw.eq_ignore_ascii_case("system") || raw.is_empty() => Value::Null,
            // An optional folder: empty (or `none`) turns the feature off.
            (_, k) if PATH_KEYS.contains(&k) && (raw.is_empty() || raw.eq_ignore_ascii_case("none")) => Value::Null,
            (Value::Bool(_), _) => match raw.to_lowercase().as_str() {
                "true" | "on" | "yes" => Value::Bool(true),
                "false" | "off" | "no" => Value::Bool(false),
                _ => {
                    return Err(SettingsError::BadValue {
                        key: key.into(),
                        message: format!("'{raw}' is not on or off; write true or false"),
                    })
                }
            },
            (Value::Array(_), _) if raw.is_empty() => return Err(SettingsError::NoWorkingDays),
            (Value::Array(_), _) => Value::Array(raw.split(',').map(|d| Value::String(d.trim().to_string())).collect()),
            (Value::Number(_), _) => raw
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
                .map(Value::Number)
                .ok_or_else(|| SettingsError::BadValue { key: key.into(), message: format!("'{raw}' is not a number") })?,
            _ => Value::String(as_typed(key, raw)),
        };
        let new: Settings = serde_path_to_error::deserialize(root)
            .map_err(|e| SettingsError::BadValue { key: key.into(), message: format!("'{raw}' does not fit: {}", e.inner()) })?;
        new.validate()?;
        Ok(new)
    }

    /// The keys a mistyped one was probably meant as: those of its group
    /// (`thresholds.*`), else the top-level names.
    fn keys_like(&self, key: &str) -> Vec<String> {
        let keys: Vec<String> = self.leaves().into_iter().map(|(k, _)| k).filter(|k| k != "holidays").collect();
        let group = format!("{}.", key.split('.').next().unwrap_or_default());
        let in_group: Vec<String> = keys.iter().filter(|k| k.starts_with(&group)).cloned().collect();
        if !in_group.is_empty() {
            return in_group;
        }
        let mut top: Vec<String> = keys.iter().map(|k| k.split_once('.').map_or(k.clone(), |(g, _)| format!("{g}.*"))).collect();
        top.dedup();
        top
    }
}

/// Settings that name a folder: kept as typed, and cleared by an empty value.
const PATH_KEYS: [&str; 2] = ["calendar.ics_folder", "backups.folder"];

/// Choices (a language, a severity) are matched in lower case whatever the
/// user typed; names (a time zone) and times keep theirs.
fn as_typed(key: &str, raw: &str) -> String {
    if key == "contacts.default_region" {
        raw.to_uppercase()
    } else if key == "time_zone" || key.starts_with("business_hours") || PATH_KEYS.contains(&key) {
        raw.to_string()
    } else {
        raw.to_lowercase()
    }
}
