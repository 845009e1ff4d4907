//! Who the client is: how to reach them, where the relationship stands and
//! since when. Private notes and tags stay out: a summary may be handed to the client.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::domain::{Channel, Client, ClientStatus, Entry};

#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct Who {
    pub name: String,
    pub organisation: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub preferred_channel: Option<Channel>,
    pub status: ClientStatus,
    /// When the relationship began: when the client was added, or the first
    /// entry if it is older (a client written down late).
    pub since: DateTime<Utc>,
    /// Availability and quiet times, in the client's words.
    pub availability: Option<String>,
    pub archived: bool,
}

pub fn of(client: &Client, known: &[&Entry]) -> Who {
    let first = known.iter().map(|e| e.occurred_at).min();
    Who {
        name: client.name.clone(),
        organisation: client.organisation.clone(),
        email: client.email.clone(),
        phone: client.phone.clone(),
        preferred_channel: client.preferred_channel,
        status: client.status,
        since: first.map_or(client.created_at, |f| f.min(client.created_at)),
        availability: client.availability.clone(),
        archived: client.archived_at.is_some(),
    }
}
