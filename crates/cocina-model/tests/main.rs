//! Property tests of the model's keys, CURPs and personal data.

mod curp;
mod keys;
mod personal;
mod public;
