//! The Cocina Abierta web portal: storage in SQLite and the HTTP server.
