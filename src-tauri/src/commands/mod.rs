//! The commands the web view may call: a few lines each over the plain modules. Their one list is
//! `list.rs`; everything else that names them is made from it.

pub mod app;
pub mod backup;
pub mod catalogue;
pub mod checkout;
pub mod orders;
pub mod receive_codes;
pub mod settings;
pub mod updates;
mod state;
pub mod vault;
pub mod watch;
#[cfg(test)]
pub(crate) mod surface;

pub use state::AppState;

/// Turns the list into the names, the invoke handler and (for the bindings test) each command's
/// TypeScript signature. build.rs reads the same list with its own, names-only, `app_commands!`.
macro_rules! app_commands {
    ($($module:ident :: $name:ident ( $($argument:ident : $type:ty),* ) -> $answer:ty;)*) => {
        /// Every command's name, in the list's order.
        pub const NAMES: &[&str] = &[$(stringify!($name)),*];

        /// Tauri's handler for exactly the listed commands.
        pub fn invoke_handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($module::$name),*]
        }

        #[cfg(test)]
        pub(crate) fn signatures() -> Vec<surface::Signature> {
            use surface::types::*;
            vec![$(surface::Signature {
                name: stringify!($name),
                arguments: vec![$((stringify!($argument), surface::ts::<$type>())),*],
                answer: surface::ts::<$answer>(),
            }),*]
        }
    };
}

include!("list.rs");
