//! The certificates an IMAP server must show: signed by a root the system
//! trusts, for the host the account names.

use std::sync::Arc;

use rustls::pki_types::ServerName;
use rustls::{ClientConfig, RootCertStore};

/// The roots a TLS connection trusts, loaded once for a sync.
#[derive(Clone)]
pub struct Trust {
    config: Option<Arc<ClientConfig>>,
}

impl std::fmt::Debug for Trust {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.config.is_some() { "Trust(roots)" } else { "Trust(none)" })
    }
}

impl Trust {
    /// The system's trusted roots as `rustls-native-certs` finds them: the
    /// platform's store, or only the certificates in the file `SSL_CERT_FILE`
    /// (and the folders of `SSL_CERT_DIR`) when one of them is set, as OpenSSL
    /// does. That crate reads those two variables itself; only the faces call
    /// this, so the environment is still read at the edge, as for the zone and
    /// the language (`src/system.rs`). Tests trust their throwaway
    /// certificate this way. A root that can't be read is left out: a server
    /// it signed is then refused as untrusted, never accepted unchecked.
    pub fn system() -> Trust {
        let found = rustls_native_certs::load_native_certs();
        let mut roots = RootCertStore::empty();
        roots.add_parsable_certificates(found.certs);
        Trust::with_roots(roots)
    }

    /// No roots at all: enough for a plaintext connection to this machine,
    /// and every TLS server is refused as untrusted.
    pub fn none() -> Trust {
        Trust { config: None }
    }

    fn with_roots(roots: RootCertStore) -> Trust {
        // The ring provider: Rust and C, nothing for cmake or NASM to build. rustls
        // 0.23.48 deprecates it for lacking post-quantum key exchange (aws-lc-rs has
        // it, and needs cmake on every build machine); X25519 and the P curves are
        // what IMAP servers offer today.
        #[allow(deprecated)]
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map(|b| b.with_root_certificates(roots).with_no_client_auth())
            .ok()
            .map(Arc::new);
        Trust { config }
    }

    /// The connector; `None` when no TLS configuration could be built (never
    /// with the ring provider's safe defaults, but then no TLS at all).
    pub(super) fn connector(&self) -> Option<tokio_rustls::TlsConnector> {
        let config = match &self.config {
            Some(c) => c.clone(),
            None => Trust::with_roots(RootCertStore::empty()).config?,
        };
        Some(tokio_rustls::TlsConnector::from(config))
    }
}

/// The name the certificate must be for: a DNS name, or an IP address written as one.
pub(super) fn server_name(host: &str) -> Option<ServerName<'static>> {
    ServerName::try_from(host.to_string()).ok()
}
