//! The schema's versions, applied in order inside one transaction each run:
//! append-only (a shipped migration is never edited), tracked in `user_version`.

use rusqlite::{Connection, TransactionBehavior};

use super::error::StoreError;

/// A step in Rust after a migration's SQL, inside the same transaction.
pub type Backfill = fn(&Connection) -> Result<(), StoreError>;

pub struct Migration {
    pub version: i64,
    pub sql: &'static str,
    /// Fills what the SQL added from the existing rows, when that takes the domain's rules.
    pub backfill: Option<Backfill>,
}

/// Every version of the schema, oldest first. Add a file; never change one.
pub const MIGRATIONS: &[Migration] = &[
    Migration { version: 1, sql: include_str!("migrations/0001_initial.sql"), backfill: None },
    Migration { version: 2, sql: include_str!("migrations/0002_attention.sql"), backfill: Some(super::derived::rebuild) },
    Migration { version: 3, sql: include_str!("migrations/0003_lapses_by_time.sql"), backfill: None },
    Migration { version: 4, sql: include_str!("migrations/0004_open_rows.sql"), backfill: None },
    Migration { version: 5, sql: include_str!("migrations/0005_search.sql"), backfill: Some(super::search::backfill) },
    Migration { version: 6, sql: include_str!("migrations/0006_reminders.sql"), backfill: None },
    Migration { version: 7, sql: include_str!("migrations/0007_imports.sql"), backfill: None },
    Migration { version: 8, sql: include_str!("migrations/0008_search_by_client.sql"), backfill: None },
    Migration { version: 9, sql: include_str!("migrations/0009_mail.sql"), backfill: None },
    Migration { version: 10, sql: include_str!("migrations/0010_mail_accounts.sql"), backfill: None },
    Migration { version: 11, sql: include_str!("migrations/0011_mail_by_client.sql"), backfill: None },
    Migration { version: 12, sql: include_str!("migrations/0012_mail_sign_in.sql"), backfill: None },
    Migration { version: 13, sql: include_str!("migrations/0013_calibration.sql"), backfill: Some(super::calibration::rebuild) },
    Migration { version: 14, sql: include_str!("migrations/0014_outreach.sql"), backfill: Some(super::derived::backfill_outreach) },
];

pub fn latest(migrations: &[Migration]) -> i64 {
    migrations.last().map_or(0, |m| m.version)
}

/// Brings the schema up to the last of `migrations`, all or nothing: a failure
/// leaves the file at the version it had.
pub fn migrate(conn: &mut Connection, migrations: &[Migration]) -> Result<(), StoreError> {
    // Only an upgrade takes the write lock: opening to read must not wait on
    // (or fail behind) another Trato's write.
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found >= latest(migrations) {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Read again under the write lock: another process may have upgraded meanwhile.
    let current: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let pending: Vec<&Migration> = migrations.iter().filter(|m| m.version > current).collect();
    if pending.is_empty() {
        return Ok(());
    }
    for m in pending {
        tx.execute_batch(m.sql).map_err(|e| StoreError::Migration { version: m.version, message: e.to_string() })?;
        if let Some(backfill) = m.backfill {
            backfill(&tx).map_err(|e| StoreError::Migration { version: m.version, message: e.to_string() })?;
        }
        // PRAGMA takes no bound parameters; the version is our own integer.
        tx.execute_batch(&format!("PRAGMA user_version = {}", m.version))?;
    }
    tx.execute_batch(&format!("PRAGMA application_id = {}", super::APPLICATION_ID))?;
    tx.commit()?;
    Ok(())
}
