//! The address `cocina serve --listen` takes.
//!
//! Besides what [`SocketAddr`] reads (`127.0.0.1:8080`, `[::1]:8080`,
//! `0.0.0.0:8080`), people write `localhost:8080` or just the port, as
//! other local servers accept: both mean the loopback address, which is
//! the safe default of a server nobody meant to expose.

use std::net::{Ipv4Addr, SocketAddr};

use crate::i18n::{self, Text};

/// A value of an argument that is not what it must be, with what it must
/// be in both languages. Its `Display` is English, as clap prints it; the
/// Spanish parser errors find it as the error's source.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Expected(pub(crate) Text);

impl std::fmt::Display for Expected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.en)
    }
}

impl std::error::Error for Expected {}

/// Reads `--listen`: an address and port, `localhost:PORT`, or a port
/// alone; the last two on 127.0.0.1.
pub(crate) fn listen_address(text: &str) -> Result<SocketAddr, Expected> {
    let text = text.trim();
    if let Ok(address) = text.parse::<SocketAddr>() {
        return Ok(address);
    }
    let port = match text.split_once(':') {
        Some((host, port)) if host.eq_ignore_ascii_case("localhost") => port,
        Some(_) => return Err(Expected(i18n::LISTEN_EXPECTED)),
        None => text,
    };
    port.parse::<u16>()
        .map(|port| SocketAddr::from((Ipv4Addr::LOCALHOST, port)))
        .map_err(|_| Expected(i18n::LISTEN_EXPECTED))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_localhost_and_bare_ports_are_read() {
        for (written, address) in [
            ("127.0.0.1:8080", "127.0.0.1:8080"),
            ("0.0.0.0:80", "0.0.0.0:80"),
            ("[::1]:8093", "[::1]:8093"),
            ("localhost:8080", "127.0.0.1:8080"),
            ("LOCALHOST:9000", "127.0.0.1:9000"),
            ("8093", "127.0.0.1:8093"),
            (" 8093 ", "127.0.0.1:8093"),
            ("0", "127.0.0.1:0"),
        ] {
            let read = listen_address(written).unwrap();
            assert_eq!(read.to_string(), address, "{written}");
        }
    }

    #[test]
    fn anything_else_says_what_is_expected() {
        for wrong in [
            "",
            "localhost",
            "localhost:",
            "localhost:99999",
            "example.org:8080",
            "127.0.0.1",
            "8080:",
            "65536",
            "-1",
            "127.0.0.1:80:80",
        ] {
            let err = listen_address(wrong).unwrap_err();
            assert!(
                err.to_string()
                    .contains("ADDRESS:PORT, such as 127.0.0.1:8080"),
                "{wrong:?}: {err}"
            );
        }
    }
}
