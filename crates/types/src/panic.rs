//! The message of a caught panic, for the programs and libraries that report a
//! panic as an error (a bug) instead of unwinding further.

use std::any::Any;

/// The message a panic was raised with (`panic!("…")` gives a `&str` or a
/// `String` payload), or "a panic without a message" for any other payload.
///
/// ```
/// let payload = std::panic::catch_unwind(|| panic!("index {} out of range", 3)).unwrap_err();
/// assert_eq!(search_types::panic::message(&*payload), "index 3 out of range");
/// let payload = std::panic::catch_unwind(|| std::panic::panic_any(7_u8)).unwrap_err();
/// assert_eq!(search_types::panic::message(&*payload), "a panic without a message");
/// ```
pub fn message(payload: &(dyn Any + Send)) -> &str {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("a panic without a message")
}
