//! Settings rows: one JSON value per key, so that a new setting needs no migration.

use rusqlite::{params, Connection};
use serde_json::{Map, Value};

use super::{bad_row, StoreError};
use crate::domain::Settings;

pub fn load(conn: &Connection) -> Result<Settings, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT key, value FROM settings")?;
    let mut map = Map::new();
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
        let (key, value) = row?;
        let value: Value = serde_json::from_str(&value).map_err(|e| bad_row(format!("the setting {key}"), e))?;
        map.insert(key, value);
    }
    serde_json::from_value(Value::Object(map)).map_err(|e| bad_row("the settings", e))
}

pub fn save(conn: &Connection, settings: &Settings) -> Result<(), StoreError> {
    let Value::Object(map) = serde_json::to_value(settings).map_err(|e| bad_row("the settings", e))? else {
        return Err(bad_row("the settings", "not an object"));
    };
    let mut stmt =
        conn.prepare_cached("INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value")?;
    for (key, value) in map {
        stmt.execute(params![key, value.to_string()])?;
    }
    Ok(())
}
