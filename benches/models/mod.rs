//! The benchmarked entities, each as the odata model (`model`), a plain serde model (`plain`)
//! and a hand-written create DTO (`floor`), with its documented bodies; and the polymorphic
//! device enrollment configurations (`enrollment`).

pub mod enrollment;
pub mod seed;
pub mod wide;
