//! Whose a message is: the user's own addresses tell its direction, and a
//! client is found only through the addresses stored on clients (and a
//! domain the user marked as a client's, never a free-mail one). Unknown
//! senders are nobody: their mail is not read further.

use std::collections::{HashMap, HashSet};

use crate::domain::{ClientId, Direction};

use super::Message;

/// An address as compared: trimmed and lower-cased. Mail systems treat the
/// local part as case-blind in practice; comparing as written made duplicates.
pub fn fold(address: &str) -> String {
    address.trim().trim_start_matches('<').trim_end_matches('>').trim().to_lowercase()
}

/// Domains anyone can have an address at: a client on one of them is known
/// by their address only, since the domain says nothing about whose it is.
const FREE_MAIL: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "outlook.es",
    "hotmail.com",
    "hotmail.es",
    "live.com",
    "msn.com",
    "yahoo.com",
    "yahoo.es",
    "ymail.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "aol.com",
    "gmx.com",
    "gmx.net",
    "gmx.de",
    "gmx.es",
    "web.de",
    "proton.me",
    "protonmail.com",
    "pm.me",
    "tutanota.com",
    "tuta.io",
    "yandex.com",
    "yandex.ru",
    "mail.ru",
    "zoho.com",
    "fastmail.com",
    "hey.com",
    "mail.com",
    "telefonica.net",
    "movistar.es",
];

pub fn is_free_mail(domain: &str) -> bool {
    let d = fold(domain);
    FREE_MAIL.contains(&d.as_str())
}

/// Why a domain can't be marked as a client's own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotAClientDomain {
    /// Not a domain name: no dot, an empty label, a space, a character no domain holds.
    Malformed,
    /// Anyone can have an address there: marking it would make every one of them that client.
    FreeMail,
}

/// A domain as the user marks it for a client (`acme.example`, `@Acme.Example`):
/// case-folded, without the `@`, the way `AddressBook` compares it.
pub fn client_domain(domain: &str) -> Result<String, NotAClientDomain> {
    let d = fold(fold(domain).trim_start_matches('@'));
    let label_ok = |l: &str| {
        (1..=63).contains(&l.chars().count())
            && l.chars().all(|c| c.is_alphanumeric() || c == '-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    let labels: Vec<&str> = d.split('.').collect();
    let top_ok = labels.last().is_some_and(|t| !t.chars().all(|c| c.is_ascii_digit()));
    if labels.len() < 2 || d.len() > 253 || !top_ok || !labels.iter().all(|l| label_ok(l)) {
        return Err(NotAClientDomain::Malformed);
    }
    if is_free_mail(&d) {
        return Err(NotAClientDomain::FreeMail);
    }
    Ok(d)
}

fn domain_of(address: &str) -> Option<&str> {
    address.rsplit_once('@').map(|(_, d)| d).filter(|d| !d.is_empty())
}

/// The addresses a message is matched against.
#[derive(Clone, Debug, Default)]
pub struct AddressBook {
    mine: HashSet<String>,
    clients: HashMap<String, ClientId>,
    domains: HashMap<String, ClientId>,
}

/// Whose a message is and which way it went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sides {
    pub client: ClientId,
    pub direction: Direction,
}

impl AddressBook {
    /// `mine`: the user's own addresses; `clients`: each client's stored
    /// addresses; `domains`: the domains the user marked as a client's own
    /// (a free-mail domain among them is left out: it would make every one of
    /// its users that client).
    pub fn new<'a>(
        mine: impl IntoIterator<Item = &'a str>,
        clients: impl IntoIterator<Item = (ClientId, &'a str)>,
        domains: impl IntoIterator<Item = (ClientId, &'a str)>,
    ) -> Self {
        let mut book = AddressBook { mine: mine.into_iter().map(fold).collect(), ..Default::default() };
        for (client, address) in clients {
            // The first client to claim an address keeps it: two clients sharing
            // one is the user's to sort out, not the mail's to guess.
            book.clients.entry(fold(address)).or_insert(client);
        }
        for (client, domain) in domains {
            let d = fold(domain.trim_start_matches('@'));
            if !d.is_empty() && !is_free_mail(&d) {
                book.domains.entry(d).or_insert(client);
            }
        }
        book
    }

    pub fn is_mine(&self, address: &str) -> bool {
        self.mine.contains(&fold(address))
    }

    pub fn client_of(&self, address: &str) -> Option<ClientId> {
        let a = fold(address);
        if self.mine.contains(&a) {
            return None;
        }
        self.clients.get(&a).or_else(|| domain_of(&a).and_then(|d| self.domains.get(d))).copied()
    }

    /// From one of mine to a client: outbound; from a client: inbound;
    /// anything else is not client mail (`None`), whatever else it holds.
    pub fn sides(&self, m: &Message) -> Option<Sides> {
        if m.from.iter().any(|a| self.is_mine(a)) {
            let client = m.to.iter().chain(&m.cc).find_map(|a| self.client_of(a))?;
            return Some(Sides { client, direction: Direction::Out });
        }
        let client = m.from.iter().find_map(|a| self.client_of(a))?;
        Some(Sides { client, direction: Direction::In })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn id(n: u128) -> ClientId {
        ClientId(uuid::Uuid::from_u128(n))
    }

    fn message(from: &str, to: &[&str]) -> Message {
        Message {
            id: "x@y".into(),
            id_derived: false,
            in_reply_to: vec![],
            references: vec![],
            from: vec![fold(from)],
            to: to.iter().map(|a| fold(a)).collect(),
            cc: vec![],
            date: Utc.with_ymd_and_hms(2026, 3, 3, 9, 0, 0).unwrap(),
            date_note: None,
            subject: String::new(),
            excerpt: String::new(),
            machine: None,
            out_of_office: false,
        }
    }

    fn book() -> AddressBook {
        AddressBook::new(
            ["Ana@Studio.example"],
            [(id(1), "Rosa@Panaderia-Sol.es"), (id(2), "pepe.client@gmail.com")],
            [(id(1), "@panaderia-sol.es"), (id(3), "Gmail.com")],
        )
    }

    #[test]
    fn a_client_is_found_by_a_stored_address_whatever_its_case() {
        let s = book().sides(&message("ROSA@panaderia-sol.ES", &["ana@studio.example"])).unwrap();
        assert_eq!(s, Sides { client: id(1), direction: Direction::In });
        let s = book().sides(&message("Pepe.Client@Gmail.com", &["ana@studio.example"])).unwrap();
        assert_eq!(s.client, id(2), "a client on free mail is known by the address stored");
    }

    #[test]
    fn a_marked_domain_finds_its_client_but_a_free_mail_domain_never_does() {
        assert_eq!(book().sides(&message("luis@panaderia-sol.es", &["ana@studio.example"])).map(|s| s.client), Some(id(1)));
        assert_eq!(book().sides(&message("stranger@gmail.com", &["ana@studio.example"])), None, "gmail.com was marked, and ignored");
    }

    #[test]
    fn mail_from_my_address_goes_out_to_the_client_it_is_addressed_to() {
        let s = book().sides(&message("ana@STUDIO.example", &["someone@else.example", "rosa@panaderia-sol.es"])).unwrap();
        assert_eq!(s, Sides { client: id(1), direction: Direction::Out });
    }

    #[test]
    fn mail_from_or_to_strangers_only_is_nobody_s() {
        assert_eq!(book().sides(&message("news@shop.example", &["ana@studio.example"])), None);
        assert_eq!(book().sides(&message("ana@studio.example", &["friend@elsewhere.example"])), None);
    }

    #[test]
    fn free_mail_is_recognised_whatever_its_case() {
        assert!(is_free_mail("GMAIL.com"));
        assert!(!is_free_mail("panaderia-sol.es"));
    }

    #[test]
    fn a_client_domain_is_folded_and_refused_when_it_is_no_domain_or_free_mail() {
        assert_eq!(client_domain(" @Panaderia-Sol.ES "), Ok("panaderia-sol.es".to_string()));
        assert_eq!(client_domain("panadería.example"), Ok("panadería.example".to_string()));
        for bad in ["", "localhost", "acme..example", "-acme.example", "acme .example", "rosa@acme.example", "10.0.0.1", "acme.example."] {
            assert_eq!(client_domain(bad), Err(NotAClientDomain::Malformed), "{bad:?}");
        }
        assert_eq!(client_domain("GMail.com"), Err(NotAClientDomain::FreeMail));
    }
}
