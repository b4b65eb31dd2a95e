//! Rules: declarative rule files (`rules/*.toml`) compiled once into a
//! `RuleSet`, applied to each document to make records.

pub mod context;
pub mod kpi;
pub mod pattern;
